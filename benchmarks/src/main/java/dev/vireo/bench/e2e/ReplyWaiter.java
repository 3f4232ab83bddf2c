package dev.vireo.bench.e2e;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One caller waiting for one reply: it parks, and the reply unparks it, with nothing else in
 * between (no completion stages, no wait nodes). It spins a little first, since on a busy
 * connection the reply often comes within a few microseconds.
 */
final class ReplyWaiter {
  private static final int SPINS = 64;
  private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

  final long id;
  private final Thread caller = Thread.currentThread();
  private volatile boolean done;

  /** A waiter for the reply to call {@code id}, for the current thread. */
  ReplyWaiter(long id) {
    this.id = id;
  }

  void complete() {
    done = true;
    LockSupport.unpark(caller);
  }

  void await() {
    for (int i = 0; i < SPINS && !done; i++) {
      Thread.onSpinWait();
    }
    long deadline = System.nanoTime() + TIMEOUT_NANOS;
    while (!done) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new IllegalStateException("no reply within 30 s");
      }
      LockSupport.parkNanos(this, left);
    }
  }
}
