package dev.vireo.rpc.internal.cluster;

import java.time.Duration;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether a provider is set aside. A provider whose calls keep timing out or losing their
 * connection, {@link #FAILURES_BEFORE_EJECTION} in a row, is ejected: no call goes to it for
 * {@link #FIRST_EJECTION} (doubling each time it is ejected again, up to {@link
 * #LONGEST_EJECTION}), unless every provider is ejected. A half-open provider stops getting calls
 * after a few timeouts instead of after heartbeats give up on it. A connection lost with many
 * calls in flight is one failure, not one per call; and a provider that goes as long as its
 * longest ejection without being ejected starts again from the first.
 */
final class ProviderHealth {
  static final int FAILURES_BEFORE_EJECTION = 5;
  static final Duration FIRST_EJECTION = Duration.ofSeconds(10);
  static final Duration LONGEST_EJECTION = FIRST_EJECTION.multipliedBy(8);

  private final AtomicInteger failuresInARow = new AtomicInteger();
  /**
   * The connection losses counted as failures, each reported by every call it failed (from
   * several connections' event loops at once with {@code connections(n)}); weakly, so that they
   * go once no call holds them.
   */
  private final Set<Throwable> countedLosses = Collections.newSetFromMap(new WeakHashMap<>());
  private volatile long ejectedUntilNanos;
  private int ejections;

  /** A reply came back, whatever it said: the provider is alive. */
  void answered() {
    if (failuresInARow.get() != 0) {
      failuresInARow.set(0);
    }
  }

  /**
   * A call timed out there ({@code loss} null), or lost its connection: {@code loss} is the
   * failure the connection's end gave every call it had, counted once.
   */
  void failed(Throwable loss, long nowNanos) {
    if (loss != null) {
      synchronized (countedLosses) {
        if (!countedLosses.add(loss)) {
          return;
        }
      }
    }
    if (failuresInARow.incrementAndGet() >= FAILURES_BEFORE_EJECTION) {
      synchronized (this) {
        if (failuresInARow.get() >= FAILURES_BEFORE_EJECTION) {
          failuresInARow.set(0);
          long lastEnded = ejectedUntilNanos;
          if (lastEnded != 0 && nowNanos - lastEnded > LONGEST_EJECTION.toNanos()) {
            ejections = 0;
          }
          long ejection = FIRST_EJECTION.toNanos() << Math.min(ejections++, 3);
          ejectedUntilNanos = nowNanos + ejection;
        }
      }
    }
  }

  boolean isEjected(long nowNanos) {
    long until = ejectedUntilNanos;
    return until != 0 && nowNanos - until < 0;
  }
}
