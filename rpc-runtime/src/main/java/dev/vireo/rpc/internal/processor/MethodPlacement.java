package dev.vireo.rpc.internal.processor;

import dev.vireo.rpc.stub.MethodDescriptor;
import dev.vireo.rpc.stub.ServiceDescriptor;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import java.lang.ref.WeakReference;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the calls of one method of a pooled service run: on the server's pool, or on the thread
 * that received them (the connection's I/O thread), which saves two thread hand-offs per call.
 *
 * <p>A call's time is from its start to the implementation's return (its reply's sending, which
 * from a pool thread may wake the I/O thread, is not counted). A method starts on the pool. Once
 * {@link #FIRST_STREAK} of its calls in a row have each run within {@link #SHORT_NANOS} there,
 * which a call that waits for I/O, a lock held elsewhere or another call does not, its calls run
 * where they are received. There each call that takes longer than {@link #OVERRUN_NANOS} adds
 * the time beyond that to a debt, which each shorter call pays down by {@link #PAYBACK_NANOS}, and
 * a debt over {@link #STALL_NANOS} (or a call still running after that long) sends the method
 * back to the pool. So a thread preempted now and then does not, while a method whose calls over
 * {@link #OVERRUN_NANOS} owe more than {@link #PAYBACK_NANOS} per call on average, or that holds
 * its thread for {@link #STALL_NANOS} at once, does: a cache that misses one call in twenty and
 * then waits 40 ms for a database goes back at its second miss. A garbage collection during a
 * call excuses up to {@link #PAUSE_EXCUSE_NANOS} of it.
 *
 * <p>Each return makes the streak needed to come back {@link #STREAK_GROWTH} times longer; after
 * {@link #MAX_RETURNS} returns the method stays on the pool until a return is {@link
 * #FORGIVE_NANOS} old, when it is forgiven. So a method that only sometimes blocks holds up its
 * I/O thread a few times and then at most once per that time. Each move is logged.
 */
public final class MethodPlacement {
  /** The longest a call may run on the pool and still count towards running where received. */
  static final long SHORT_NANOS = TimeUnit.MICROSECONDS.toNanos(10);
  /** Where received, the time a call takes beyond this is owed. */
  static final long OVERRUN_NANOS = TimeUnit.MICROSECONDS.toNanos(200);
  /** What each call within {@link #OVERRUN_NANOS} pays back of the debt. */
  static final long PAYBACK_NANOS = TimeUnit.MICROSECONDS.toNanos(10);
  /** The most a method may owe, or hold its thread with one call, before it goes back. */
  static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  /** How much of a call's time a garbage collection during it excuses. */
  static final long PAUSE_EXCUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  static final int FIRST_STREAK = 64;
  static final int STREAK_GROWTH = 8;
  static final int MAX_RETURNS = 4;
  static final long FORGIVE_NANOS = TimeUnit.MINUTES.toNanos(10);

  private static final Logger log = LoggerFactory.getLogger(MethodPlacement.class);

  private final String method;
  private final HeldIoThreads heldThreads;
  private final LongSupplier clock;
  private volatile boolean received;
  /** Short calls in a row on the pool. */
  private final AtomicInteger streak = new AtomicInteger();
  /** Time owed by calls where received; see the class's comment. */
  private final AtomicLong debt = new AtomicLong();
  /** Returns to the pool not yet forgiven; changed under this object's lock. */
  private volatile int returns;
  /** When the last return to the pool happened; changed under this object's lock. */
  private volatile long lastReturnNanos;

  /**
   * {@code method} names the method in the log; {@code heldThreads} watches the I/O threads
   * that run its calls; {@code clock} gives {@link System#nanoTime} (tests bring their own).
   */
  MethodPlacement(String method, HeldIoThreads heldThreads, LongSupplier clock) {
    this.method = method;
    this.heldThreads = heldThreads;
    this.clock = clock;
  }

  /** Whether the method's calls run on the thread that received them. */
  public boolean whereReceived() {
    return received;
  }

  /** A placement for each method of {@code service}, by method id. */
  static IntObjectMap<MethodPlacement> forMethods(ServiceDescriptor service,
      HeldIoThreads heldThreads) {
    IntObjectMap<MethodPlacement> placements = new IntObjectHashMap<>();
    for (MethodDescriptor method : service.methods()) {
      placements.put(method.id(), new MethodPlacement(service.name() + "." + method.signature(),
          heldThreads, System::nanoTime));
    }
    return placements;
  }

  /** The I/O threads running the method's calls where received, as the watch sees them. */
  HeldIoThreads heldThreads() {
    return heldThreads;
  }

  @Override
  public String toString() {
    return method;
  }

  /** Counts a call that ran on the pool for {@code nanos}. */
  void ranOnPool(long nanos) {
    if (received) {
      return; // a call taken by the pool before the method moved
    }
    if (nanos > SHORT_NANOS) {
      if (streak.get() != 0) {
        streak.set(0);
      }
      return;
    }
    int needed = streakNeeded();
    if (needed > 0 && streak.incrementAndGet() >= needed) {
      synchronized (this) {
        if (!received && streak.get() >= needed) {
          debt.set(0); // what calls still running at its return owed
          received = true;
          log.info("{} runs its calls on the I/O thread that receives them: {} in a row took"
              + " under {} µs on the pool (ExportOptions.blocking(true) keeps them there)",
              method, needed, TimeUnit.NANOSECONDS.toMicros(SHORT_NANOS));
        }
      }
    }
  }

  /**
   * Counts a call that ran where it was received for {@code nanos}, since {@code mark} (from
   * {@link Pauses#mark}) was taken.
   */
  void ranWhereReceived(long nanos, WeakReference<Object> mark) {
    if (!received) {
      return; // sent back while this call ran (by the watch, or another I/O thread's call)
    }
    long counted = counted(nanos, mark);
    if (counted <= OVERRUN_NANOS) {
      if (debt.get() > 0) {
        debt.getAndUpdate(owed -> Math.max(0, owed - PAYBACK_NANOS));
      }
      return;
    }
    long owed = debt.addAndGet(counted - OVERRUN_NANOS);
    if (counted > STALL_NANOS || owed > STALL_NANOS) {
      sendBack(nanos);
    }
  }

  /**
   * Told by the watch that a call started after {@code mark} has run where received for {@code
   * nanos}: longer than {@link #STALL_NANOS} sends the method back at once, so that the other I/O
   * threads stop running its calls.
   */
  void heldTooLong(long nanos, WeakReference<Object> mark) {
    if (received && counted(nanos, mark) > STALL_NANOS) {
      sendBack(nanos);
    }
  }

  /** A call's time less what a garbage collection since {@code mark} excuses. */
  private static long counted(long nanos, WeakReference<Object> mark) {
    return Pauses.collectedSince(mark) ? nanos - PAUSE_EXCUSE_NANOS : nanos;
  }

  private void sendBack(long nanos) {
    synchronized (this) {
      if (!received) {
        return; // another slow call sent the method back already
      }
      received = false;
      streak.set(0);
      debt.set(0);
      returns = unforgivenReturns() + 1;
      lastReturnNanos = clock.getAsLong();
    }
    int needed = streakNeeded();
    log.info("{} {}, holding up the calls behind it; its calls run on the server's pool {}",
        method, nanos > STALL_NANOS
            ? "held an I/O thread for " + TimeUnit.NANOSECONDS.toMillis(nanos) + " ms"
            : "held an I/O thread over " + TimeUnit.NANOSECONDS.toMicros(OVERRUN_NANOS)
                + " µs too often (the last call for " + TimeUnit.NANOSECONDS.toMicros(nanos)
                + " µs)",
        needed > 0
        ? "until " + needed + " of them in a row take under "
            + TimeUnit.NANOSECONDS.toMicros(SHORT_NANOS) + " µs there"
        : "for " + TimeUnit.NANOSECONDS.toMinutes(FORGIVE_NANOS) + " minutes at least");
  }

  /** How many short calls in a row bring the method to where calls are received; 0 for never. */
  private int streakNeeded() {
    int unforgiven = returns == 0 ? 0 : unforgivenReturns();
    if (unforgiven >= MAX_RETURNS) {
      return 0;
    }
    int needed = FIRST_STREAK;
    for (int i = 0; i < unforgiven; i++) {
      needed *= STREAK_GROWTH;
    }
    return needed;
  }

  /** The returns to the pool less one for each {@link #FORGIVE_NANOS} since the last. */
  private int unforgivenReturns() {
    long forgiven = (clock.getAsLong() - lastReturnNanos) / FORGIVE_NANOS;
    return (int) Math.max(0, returns - forgiven);
  }
}
