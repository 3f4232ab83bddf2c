package dev.vireo.rpc.internal.processor;

import io.netty.util.concurrent.FastThreadLocal;
import java.lang.ref.WeakReference;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The I/O threads of one server that run calls where they were received, watched by its {@link
 * StallWatch}. A call that holds its thread longer than {@link MethodPlacement#STALL_NANOS} sends
 * its method back to the pool while it still runs (so that the other I/O threads stop running it),
 * and one that holds it longer than {@link #INTERRUPT_NANOS} while waiting (parked, sleeping, in
 * {@code Object.wait}) is interrupted: it may be waiting
 * for something only a call that its own thread would read can bring (a job queue's {@code
 * take()} waiting for a {@code put(..)} sent on the same connection), which without the
 * interrupt would never come.
 */
final class HeldIoThreads {
  static final long INTERRUPT_NANOS = TimeUnit.SECONDS.toNanos(1);
  /** How often the watch looks while calls run where received. */
  static final long LOOK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  /**
   * After this many looks in a row (a second) found that no call ran since the one before, the
   * watch sleeps until a call starts: calls further apart than that wake it, at most once a
   * second, and an idle server's watch sleeps.
   */
  static final int IDLE_LOOKS = 10;

  private static final Logger log = LoggerFactory.getLogger(HeldIoThreads.class);

  private final Set<Held> threads = ConcurrentHashMap.newKeySet();
  /**
   * Wakes the watch if it sleeps, which it does while no thread needs watching; told at every
   * call's start, it costs a volatile read while the watch is awake, and a compare-and-set and an
   * unpark when it sleeps.
   */
  private final Runnable wakeWatch;
  /** How many looks in a row found no call since the one before; the watch's thread only. */
  private int idleLooks = IDLE_LOOKS;
  private final FastThreadLocal<Held> current = new FastThreadLocal<>() {
    @Override
    protected Held initialValue() {
      Held held = new Held(Thread.currentThread(), wakeWatch);
      threads.add(held);
      return held;
    }

    @Override
    protected void onRemoval(Held held) {
      threads.remove(held);
    }
  };

  HeldIoThreads(Runnable wakeWatch) {
    this.wakeWatch = wakeWatch;
  }

  /** The calling thread's record, for a call it starts to run. */
  Held current() {
    return current.get();
  }

  /**
   * Looks at every thread's call at {@code nowNanos}; returns how long until the next look, or
   * {@link CallPool#NOTHING_WAITING} once {@link #IDLE_LOOKS} looks in a row found that no thread
   * ran a call where received since the one before (the next call to start wakes the watch).
   */
  long check(long nowNanos) {
    boolean busy = false;
    for (Held held : threads) {
      busy |= held.check(nowNanos);
    }
    idleLooks = busy ? 0 : Math.min(idleLooks + 1, IDLE_LOOKS);
    return idleLooks < IDLE_LOOKS ? LOOK_NANOS : CallPool.NOTHING_WAITING;
  }

  /** One I/O thread, and the call it runs where received, if any. */
  static final class Held {
    private static final long IDLE = Long.MIN_VALUE;
    private static final long INTERRUPTING = Long.MIN_VALUE + 1;
    private static final long INTERRUPTED = Long.MIN_VALUE + 2;

    private final Thread thread;
    private final Runnable wakeWatch;
    /** When the running call started; or IDLE, INTERRUPTING, INTERRUPTED. */
    private final AtomicLong state = new AtomicLong(IDLE);
    /** How many calls the thread started, for the watch to tell whether any ran between looks. */
    private final AtomicLong started = new AtomicLong();
    /** How many {@link #started} the watch saw at its last look; the watch's thread only. */
    private long seenStarted;
    private volatile MethodPlacement placement;
    private volatile WeakReference<Object> mark;

    private Held(Thread thread, Runnable wakeWatch) {
      this.thread = thread;
      this.wakeWatch = wakeWatch;
    }

    /**
     * On the thread: a call of {@code placement}'s method starts at {@code nowNanos}, after
     * {@code mark} (from {@link Pauses#mark}); wakes the watch if it sleeps. The call is counted
     * and its start published before the watch's sleep is looked at, and the watch looks at both
     * again once it says it sleeps: one of the two sees the other.
     */
    void running(MethodPlacement placement, long nowNanos, WeakReference<Object> mark) {
      this.placement = placement;
      this.mark = mark;
      started.lazySet(started.get() + 1); // this thread alone counts its calls
      state.set(nowNanos);
      wakeWatch.run();
    }

    /**
     * On the thread: the call's implementation returned (or the call ended without reaching it);
     * clears an interrupt the watch sent it. Does nothing if told already.
     */
    void ended() {
      long since = state.get();
      if (since == INTERRUPTING || since == INTERRUPTED || !state.compareAndSet(since, IDLE)) {
        while (state.get() == INTERRUPTING) {
          Thread.onSpinWait(); // the watch is between deciding and interrupting
        }
        state.set(IDLE);
      }
      Thread.interrupted(); // the watch's, or one the implementation left: not the event loop's
    }

    /** Looks at the thread's call, if any; returns whether it ran one since the last look. */
    private boolean check(long nowNanos) {
      long since = state.get();
      long count = started.get();
      boolean ranSinceLastLook = count != seenStarted || since != IDLE;
      seenStarted = count;
      if (since == IDLE || since == INTERRUPTING || since == INTERRUPTED) {
        return ranSinceLastLook;
      }
      MethodPlacement method = placement;
      WeakReference<Object> startMark = mark;
      if (state.get() != since) {
        return true; // that call ended: what was read may be the next call's
      }
      long held = nowNanos - since;
      if (held > MethodPlacement.STALL_NANOS) {
        method.heldTooLong(held, startMark);
      }
      // Only a thread that waits (parked, sleeping, in Object.wait): an interrupt would not free
      // one that computes or reads, and would close the interruptible channels it uses.
      Thread.State waits = thread.getState();
      if (held > INTERRUPT_NANOS
          && (waits == Thread.State.WAITING || waits == Thread.State.TIMED_WAITING)
          && state.compareAndSet(since, INTERRUPTING)) {
        StackTraceElement[] stack;
        try {
          stack = thread.getStackTrace();
          thread.interrupt();
        } finally {
          state.set(INTERRUPTED);
        }
        Throwable where = new Throwable("where " + thread.getName() + " waited");
        where.setStackTrace(stack);
        log.warn("interrupted a call of {} that held I/O thread {} for {} ms: it held up every"
            + " call that thread reads, and it may be waiting for one of them; if it blocks,"
            + " export its service with ExportOptions.builder().blocking(true)", method,
            thread.getName(), TimeUnit.NANOSECONDS.toMillis(held), where);
      }
      return true;
    }
  }
}
