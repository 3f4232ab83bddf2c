package dev.vireo.rpc.internal.serialization;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * Codecs (a Fory instance and its buffers) are shared by every thread through a pool: a new
 * thread reuses what finished threads gave back instead of building its own.
 */
class CodecPoolTest {
  @Test
  void aCodecGivenBackOnOneThreadIsBorrowedOnAnother() throws Exception {
    CodecPool pool = new CodecPool(4);
    ForyCodec codec = CodecPool.lent(new ForyCodec());
    pool.giveBack(codec);

    ForyCodec[] borrowed = new ForyCodec[1];
    Thread other = new Thread(() -> borrowed[0] = pool.borrow());
    other.start();
    other.join();

    assertThat(borrowed[0]).isSameInstanceAs(codec);
    assertThat(pool.borrow()).isNull();
  }

  @Test
  void aPoolKeepsEveryCodecGivenBackEvenBeyondItsSlots() {
    CodecPool pool = new CodecPool(2);
    Set<ForyCodec> given = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      ForyCodec codec = CodecPool.lent(new ForyCodec());
      given.add(codec);
      pool.giveBack(codec);
    }

    assertThat(pool.size()).isEqualTo(5);
    Set<ForyCodec> borrowed = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      borrowed.add(pool.borrow());
    }
    assertThat(borrowed).isEqualTo(given);
    assertThat(pool.borrow()).isNull();
  }

  @Test
  void aCodecGivenBackTwiceIsRefusedRatherThanLentTwice() {
    CodecPool pool = new CodecPool(4);
    ForyCodec codec = CodecPool.lent(new ForyCodec());
    pool.giveBack(codec);

    assertThrows(IllegalStateException.class, () -> pool.giveBack(codec));
    assertThat(pool.size()).isEqualTo(1);
  }

  @Test
  void codecsBeyondTheSlotsAndTheOverflowLimitAreDropped() {
    CodecPool pool = new CodecPool(2);
    for (int i = 0; i < 2 + CodecPool.MAX_OVERFLOW + 3; i++) {
      pool.giveBack(CodecPool.lent(new ForyCodec()));
    }

    assertThat(pool.size()).isEqualTo(2 + CodecPool.MAX_OVERFLOW);
  }

  @Test
  void bodiesEncodedAndDecodedOnOneNewThreadAfterAnotherShareOneCodec() throws Exception {
    CodecPool pool = new CodecPool(16);
    Serializer serializer = new ForySerializer(new WireTypes(), pool);
    for (int i = 0; i < 50; i++) {
      String text = "call " + i;
      String[] read = new String[1];
      Thread thread = new Thread(() -> {
        BodyWriter writer = serializer.newWriter();
        writer.writeString(text);
        ByteBuf body = writer.finish(PooledByteBufAllocator.DEFAULT);
        try {
          BodyReader reader = serializer.newReader(body);
          read[0] = reader.readString();
          reader.close();
        } finally {
          body.release();
        }
      });
      thread.start();
      thread.join();

      assertThat(read[0]).isEqualTo(text);
      assertThat(pool.size()).isEqualTo(1);
    }
  }

  @RepeatedTest(5)
  void noCodecIsLentToTwoBorrowersAtOnceNorLost() throws Exception {
    CodecPool pool = new CodecPool(4);
    Set<ForyCodec> lent = ConcurrentHashMap.newKeySet();
    AtomicInteger lentTwice = new AtomicInteger();
    AtomicInteger built = new AtomicInteger();
    Set<Throwable> failures = ConcurrentHashMap.newKeySet();
    int threads = 8;
    CountDownLatch start = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(threads);
    List<Thread> borrowers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread borrower = new Thread(() -> {
        try {
          start.await();
          for (int i = 0; i < 20_000; i++) {
            ForyCodec codec = pool.borrow();
            if (codec == null) {
              codec = CodecPool.lent(new ForyCodec());
              built.incrementAndGet();
            }
            if (!lent.add(codec)) {
              lentTwice.incrementAndGet();
            }
            lent.remove(codec);
            pool.giveBack(codec);
          }
        } catch (Throwable e) {
          failures.add(e);
        } finally {
          done.countDown();
        }
      });
      borrowers.add(borrower);
      borrower.start();
    }
    start.countDown();

    assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
    assertThat(failures).isEmpty();
    assertThat(lentTwice.get()).isEqualTo(0);
    // Every codec built came back, once.
    Set<ForyCodec> kept = new HashSet<>();
    for (ForyCodec codec = pool.borrow(); codec != null; codec = pool.borrow()) {
      assertThat(kept.add(codec)).isTrue();
    }
    assertThat(kept).hasSize(built.get());
    for (Thread borrower : borrowers) {
      borrower.join();
    }
  }
}
