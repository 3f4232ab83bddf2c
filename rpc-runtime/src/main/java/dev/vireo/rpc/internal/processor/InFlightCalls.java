package dev.vireo.rpc.internal.processor;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts calls accepted but not yet answered, so a closing server can wait for them. Counting is
 * lock-free; only the last call to finish takes the monitor, to wake a waiter.
 */
final class InFlightCalls {
  private final AtomicInteger count = new AtomicInteger();

  void started() {
    count.incrementAndGet();
  }

  void finished() {
    if (count.decrementAndGet() == 0) {
      synchronized (this) {
        notifyAll();
      }
    }
  }

  /** Waits until no call is in flight, up to {@code timeoutNanos}; returns whether none is. */
  boolean awaitNone(long timeoutNanos) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutNanos;
    synchronized (this) {
      while (count.get() > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
    }
    return true;
  }
}
