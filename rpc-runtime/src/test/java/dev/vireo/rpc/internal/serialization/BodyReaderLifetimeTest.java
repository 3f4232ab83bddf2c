package dev.vireo.rpc.internal.serialization;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vireo.rpc.RpcException;
import dev.vireo.rpc.RpcStatus;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.LeakPresenceDetector;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Bodies are read from a codec's buffer that is lent to one reader at a time and reused: a reader
 * holds it until it reads its body to the end, fails, or is closed, and may not read afterwards.
 * Unpooled heap bodies are read in place; any other body is copied first, since decoded values may
 * point into the bytes they were read from.
 */
class BodyReaderLifetimeTest {
  private static final ByteBufAllocator ALLOCATOR = PooledByteBufAllocator.DEFAULT;

  private final CodecPool codecs = new CodecPool(4);
  private final Serializer serializer = new ForySerializer(new WireTypes(), codecs);

  @AfterEach
  void everyBufferWasReleased() {
    LeakPresenceDetector.check();
  }

  @Test
  void aClosedReaderFailsInsteadOfReadingTheBodyLoadedAfterIt() {
    ByteBuf first = body("first", "more");
    ByteBuf second = body("second", "more");
    try {
      BodyReader closed = serializer.newReader(first);
      closed.close();
      BodyReader current = serializer.newReader(second);

      assertThrows(IllegalStateException.class, closed::readString);
      assertThat(current.readString()).isEqualTo("second");
      current.close();
    } finally {
      first.release();
      second.release();
    }
  }

  @Test
  void readersOpenAtOnceOnOneThreadEachReadTheirOwnBody() {
    ByteBuf first = body("a1", "a2");
    ByteBuf second = body("b1", "b2");
    try {
      BodyReader a = serializer.newReader(first);
      BodyReader b = serializer.newReader(second);

      assertThat(a.readString()).isEqualTo("a1");
      assertThat(b.readString()).isEqualTo("b1");
      assertThat(a.readString()).isEqualTo("a2");
      assertThat(b.readString()).isEqualTo("b2");
    } finally {
      first.release();
      second.release();
    }
  }

  @Test
  void aReaderGivesItsCodecBackOnceItsBodyIsReadToTheEnd() {
    ByteBuf body = body("only", "two");
    try {
      BodyReader reader = serializer.newReader(body);
      assertThat(reader.readString()).isEqualTo("only");
      assertThat(codecs.size()).isEqualTo(0);

      assertThat(reader.readString()).isEqualTo("two");

      assertThat(codecs.size()).isEqualTo(1);
      RpcException pastTheEnd = assertThrows(RpcException.class, reader::readString);
      assertThat(pastTheEnd.status()).isEqualTo(RpcStatus.SERIALIZATION);
      assertThat(reader.failed()).isTrue();
      reader.close();
      assertThat(codecs.size()).isEqualTo(1);
    } finally {
      body.release();
    }
  }

  @Test
  void aFailedReadGivesTheCodecBackOnceEvenWhenTheReaderIsClosedAfterIt() {
    BodyWriter writer = serializer.newWriter();
    writer.writeInt(1000); // read back as a string's length, far more than the body holds
    ByteBuf body = writer.finish(ALLOCATOR);
    writer.discard();
    assertThat(codecs.size()).isEqualTo(1);
    try {
      BodyReader reader = serializer.newReader(body);
      assertThrows(RpcException.class, reader::readString);
      reader.close();

      assertThat(codecs.size()).isEqualTo(1);
    } finally {
      body.release();
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

  @Test
  void aHeapBodyIsReadWhereItLiesWhateverItsOffsetInItsArray() {
    for (int length : new int[] {0, 10, 5_000, ReadBuffer.RETAINED_LIMIT + 1, 20, 3}) {
      String text = "y".repeat(length);
      ByteBuf written = body(text);
      byte[] array = new byte[7 + 3 + written.readableBytes() + 5];
      written.getBytes(written.readerIndex(), array, 7 + 3, written.readableBytes());
      ByteBuf heap = Unpooled.wrappedBuffer(array, 7, array.length - 7 - 5);
      heap.skipBytes(3);
      try {
        BodyReader reader = serializer.newReader(heap);
        assertThat(reader.readString()).isEqualTo(text);
        assertThat(reader.failed()).isFalse();
        reader.close();
      } finally {
        written.release();
        heap.release();
      }
    }
  }

  @Test
  void aValueReadFromAPooledBodyKeepsItsBytesWhenTheBodyOrTheCodecIsReused() {
    ByteBuf pooled = ALLOCATOR.heapBuffer().writeBytes(byteBufferBody(1, 2, 3));
    ByteBuf next = ALLOCATOR.heapBuffer().writeBytes(byteBufferBody(7, 8, 9));
    try {
      BodyReader reader = serializer.newReader(pooled);
      ByteBuffer value = reader.readObject(ByteBuffer.class);
      reader.close();
      pooled.setZero(0, pooled.writerIndex());
      BodyReader nextReader = serializer.newReader(next);
      nextReader.readObject(ByteBuffer.class);
      nextReader.close();

      assertThat(value.remaining()).isEqualTo(3);
      assertThat(value.get(value.position() + 2)).isEqualTo((byte) 3);
    } finally {
      pooled.release();
      next.release();
    }
  }

  private ByteBuf byteBufferBody(int... bytes) {
    byte[] array = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      array[i] = (byte) bytes[i];
    }
    BodyWriter writer = serializer.newWriter();
    writer.writeObject(ByteBuffer.wrap(array));
    ByteBuf written = writer.finish(ALLOCATOR);
    ByteBuf copy = Unpooled.copiedBuffer(written);
    written.release();
    return copy;
  }

  private ByteBuf body(String... texts) {
    BodyWriter writer = serializer.newWriter();
    for (String text : texts) {
      writer.writeString(text);
    }
    return writer.finish(ALLOCATOR);
  }
}
