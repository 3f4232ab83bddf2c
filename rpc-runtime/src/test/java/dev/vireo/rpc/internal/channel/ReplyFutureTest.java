package dev.vireo.rpc.internal.channel;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vireo.rpc.internal.protocol.Response;
import io.netty.buffer.Unpooled;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A blocking caller's wait for its reply: it ends with the reply, the failure or the cancellation
 * however the future is completed, and from whichever thread; it ends with a timeout or an
 * interrupt otherwise; and a completion racing the start of the wait is never missed. The waits
 * are given a minute: a missed wake-up leaves a caller parked past the class's timeout, which
 * fails it.
 */
@Timeout(30)
class ReplyFutureTest {
  private static final long LONG_WAIT = TimeUnit.MINUTES.toNanos(1);

  private static Response reply(int status) {
    return new Response(status, Unpooled.EMPTY_BUFFER);
  }

  @Test
  void aCompletedReplyIsReturnedWithoutWaiting() throws Exception {
    ReplyFuture future = new ReplyFuture();
    Response done = reply(0);
    future.complete(done);

    assertThat(future.await(0)).isSameInstanceAs(done);
  }

  @Test
  void aParkedCallerIsWokenByTheReply() throws Exception {
    ReplyFuture future = new ReplyFuture();
    Response done = reply(0);
    Thread completer = completeOnceParked(future, Thread.currentThread(),
        () -> future.complete(done));

    assertThat(future.await(LONG_WAIT)).isSameInstanceAs(done);
    completer.join();
  }

  @Test
  void aParkedCallerIsWokenByAFailure() throws Exception {
    ReplyFuture future = new ReplyFuture();
    IllegalStateException broken = new IllegalStateException("connection lost");
    Thread completer = completeOnceParked(future, Thread.currentThread(),
        () -> future.completeExceptionally(broken));

    ExecutionException thrown =
        assertThrows(ExecutionException.class, () -> future.await(LONG_WAIT));
    assertThat(thrown).hasCauseThat().isSameInstanceAs(broken);
    completer.join();
  }

  @Test
  void aParkedCallerIsWokenByACancel() throws Exception {
    ReplyFuture future = new ReplyFuture();
    Thread completer = completeOnceParked(future, Thread.currentThread(),
        () -> future.cancel(false));

    assertThrows(CancellationException.class, () -> future.await(LONG_WAIT));
    completer.join();
  }

  @Test
  void aParkedCallerIsWokenByOrTimeout() throws Exception {
    ReplyFuture future = new ReplyFuture();
    Thread timer = completeOnceParked(future, Thread.currentThread(),
        () -> future.orTimeout(1, TimeUnit.MILLISECONDS));

    ExecutionException thrown =
        assertThrows(ExecutionException.class, () -> future.await(LONG_WAIT));
    assertThat(thrown).hasCauseThat().isInstanceOf(TimeoutException.class);
    timer.join();
  }

  @Test
  void aParkedCallerIsWokenByAnObtrudedValue() throws Exception {
    ReplyFuture future = new ReplyFuture();
    Response done = reply(0);
    Thread completer = completeOnceParked(future, Thread.currentThread(),
        () -> future.obtrudeValue(done));

    assertThat(future.await(LONG_WAIT)).isSameInstanceAs(done);
    completer.join();
  }

  @Test
  void aReplyFutureIsNotCompletedAsynchronously() {
    ReplyFuture future = new ReplyFuture();

    assertThrows(UnsupportedOperationException.class, () -> future.completeAsync(() -> reply(0)));
  }

  @Test
  void aCallerOnAForkJoinPoolWaitsThroughGet() throws Exception {
    ForkJoinPool pool = new ForkJoinPool(1);
    try {
      ReplyFuture future = new ReplyFuture();
      Response done = reply(0);
      AtomicReference<Thread> worker = new AtomicReference<>();
      Future<Response> waited = pool.submit(() -> {
        worker.set(Thread.currentThread());
        return future.await(LONG_WAIT);
      });
      Thread completer = new Thread(() -> {
        // get's wait node, not this future, is what a caller waiting through get parks on
        if (awaitBlocker(worker, blocker -> blocker != null && blocker != future)) {
          future.complete(done);
        }
      });
      completer.setDaemon(true);
      completer.start();

      assertThat(waited.get()).isSameInstanceAs(done);
      completer.join();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aWaitWithoutReplyEndsAtItsTimeout() {
    ReplyFuture future = new ReplyFuture();

    assertThrows(TimeoutException.class, () -> future.await(TimeUnit.MILLISECONDS.toNanos(20)));
    assertThat(future.isDone()).isFalse();
  }

  @Test
  void anInterruptEndsTheWaitAndIsCleared() throws Exception {
    ReplyFuture future = new ReplyFuture();
    Thread caller = Thread.currentThread();
    Thread interrupter = completeOnceParked(future, caller, caller::interrupt);

    assertThrows(InterruptedException.class, () -> future.await(LONG_WAIT));
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
    assertThat(future.isDone()).isFalse();
    interrupter.join();
  }

  @Test
  void otherFuturesAreWaitedForThroughGet() throws Exception {
    CompletableFuture<Response> plain = new CompletableFuture<>();
    Response done = reply(0);
    Thread caller = Thread.currentThread();
    Thread completer = new Thread(() -> {
      if (awaitBlocker(new AtomicReference<>(caller), blocker -> blocker != null
          && blocker != plain)) {
        plain.complete(done);
      }
    });
    completer.setDaemon(true);
    completer.start();

    assertThat(ReplyFuture.await(plain, LONG_WAIT)).isSameInstanceAs(done);
    assertThrows(TimeoutException.class,
        () -> ReplyFuture.await(new CompletableFuture<>(), TimeUnit.MILLISECONDS.toNanos(20)));
    completer.join();
  }

  /** A reply completed at any moment around the start of the wait, 20,000 times. */
  @Test
  void aReplyRacingTheStartOfTheWaitIsNeverMissed() throws Exception {
    AtomicReference<ReplyFuture> next = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    Thread completer = new Thread(() -> {
      for (int i = 0; i < 20_000; i++) {
        ReplyFuture future;
        while ((future = next.getAndSet(null)) == null) {
          if (Thread.interrupted()) {
            return; // the test failed and gave up on this thread
          }
          Thread.onSpinWait();
        }
        future.complete(reply(i));
      }
      done.countDown();
    });
    completer.setDaemon(true);
    completer.start();
    try {
      for (int i = 0; i < 20_000; i++) {
        ReplyFuture future = new ReplyFuture();
        next.set(future);
        assertThat(future.await(LONG_WAIT).status()).isEqualTo(i);
      }
      assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      completer.interrupt();
    }
  }

  /** Runs {@code completion} on a new thread once {@code caller} is parked on {@code future}. */
  private static Thread completeOnceParked(ReplyFuture future, Thread caller,
      Runnable completion) {
    Thread thread = new Thread(() -> {
      if (awaitBlocker(new AtomicReference<>(caller), blocker -> blocker == future)) {
        completion.run();
      }
    });
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /**
   * Waits until {@code thread} is known and what it is parked on passes {@code test}; false if
   * that never happens within the class's timeout (the test then fails by that timeout).
   */
  private static boolean awaitBlocker(AtomicReference<Thread> thread, Predicate<Object> test) {
    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (thread.get() == null || !test.test(LockSupport.getBlocker(thread.get()))) {
      if (System.nanoTime() - giveUp > 0) {
        return false;
      }
      LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(50));
    }
    return true;
  }
}
