package dev.vireo.rpc.internal.serialization;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.LeakPresenceDetector;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Bodies are read from a buffer their thread reuses: one reader at a time per thread, each valid
 * until the next body is loaded there, large bodies read in place.
 */
class BodyReaderLifetimeTest {
  private static final ByteBufAllocator ALLOCATOR = PooledByteBufAllocator.DEFAULT;

  private final Serializer serializer = new ForySerializer(new WireTypes());

  @AfterEach
  void everyBufferWasReleased() {
    LeakPresenceDetector.check();
  }

  @Test
  void aReaderWhoseBodyWasDisplacedFailsInsteadOfReadingTheOtherBody() {
    ByteBuf first = body("first");
    ByteBuf second = body("second");
    try {
      BodyReader stale = serializer.newReader(first);
      BodyReader current = serializer.newReader(second);

      assertThrows(IllegalStateException.class, stale::readString);
      assertThat(current.readString()).isEqualTo("second");
    } finally {
      first.release();
      second.release();
    }
  }

  @Test
  void aReaderCannotBeReadFromAnotherThread() {
    ByteBuf body = body("mine");
    try {
      BodyReader reader = serializer.newReader(body);
      CompletionException failure = assertThrows(CompletionException.class,
          () -> CompletableFuture.runAsync(reader::readString).join());
      assertThat(failure).hasCauseThat().isInstanceOf(IllegalStateException.class);
      assertThat(reader.readString()).isEqualTo("mine");
    } finally {
      body.release();
    }
  }

  @Test
  void bodiesOfEverySizeReadBackWhateverCameBefore() {
    for (int length : new int[] {0, 10, 5_000, ReadBuffer.RETAINED_LIMIT + 1, 20, 200_000, 3}) {
      String text = "x".repeat(length);
      ByteBuf body = body(text);
      try {
        BodyReader reader = serializer.newReader(body);
        assertThat(reader.readString()).isEqualTo(text);
        assertThat(reader.failed()).isFalse();
      } finally {
        body.release();
      }
    }
  }

  private ByteBuf body(String text) {
    BodyWriter writer = serializer.newWriter();
    writer.writeString(text);
    return writer.finish(ALLOCATOR);
  }
}
