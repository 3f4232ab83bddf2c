package dev.vireo.rpc.internal.processor;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts calls accepted but not yet answered, so a closing server can wait for them. Counting is
 * lock-free; only the last call to finish while someone waits takes the monitor, to wake them.
 */
final class InFlightCalls {
  private final AtomicInteger count = new AtomicInteger();
  /**
   * Whether a closing server waits, set before it looks at the count: a call that finishes last
   * then either sees it and wakes the waiter, or finished before the waiter looked.
   */
  private volatile boolean awaited;

  void started() {
    count.incrementAndGet();
  }

  void finished() {
    if (count.decrementAndGet() == 0 && awaited) {
      synchronized (this) {
        notifyAll();
      }
    }
  }

  /** Waits until no call is in flight, up to {@code timeoutNanos}; returns whether none is. */
  boolean awaitNone(long timeoutNanos) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutNanos;
    awaited = true;
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
