package dev.vireo.rpc.internal.processor;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that finds calls stuck behind busy threads in its {@link CallPool}s, and calls that
 * hold an I/O thread too long ({@link HeldIoThreads}, looked at every {@link
 * HeldIoThreads#LOOK_NANOS} while I/O threads run calls where received, until looks for a second
 * find that none ran): while any pool has calls waiting it sleeps until the first moment one of
 * them could be stalled (its oldest call's waiting time reaching {@link CallPool#STALL_NANOS})
 * and looks then, and otherwise it sleeps until a pool tells it that a call was left to wait (for
 * an awake thread, or for a thread once the pool's limit of awake threads is reached). Under
 * steady load, with calls taken within microseconds, that is about a wake-up per stall time; when
 * the queues empty between calls, a call may wake it.
 */
public final class StallWatch {
  private static final Logger log = LoggerFactory.getLogger(StallWatch.class);

  /** How often a pool that cannot be checked is logged at most. */
  private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final List<CallPool> pools = new CopyOnWriteArrayList<>();
  private final List<HeldIoThreads> heldThreads = new CopyOnWriteArrayList<>();
  /** When a failed check was last logged; only the watch's thread uses it. */
  private long loggedNanos = System.nanoTime() - LOG_EVERY_NANOS;
  private final AtomicBoolean sleeping = new AtomicBoolean();
  private final Thread thread;
  private volatile boolean stopped;

  public StallWatch(String threadName) {
    thread = new Thread(this::watch, threadName);
    thread.setDaemon(true);
    thread.start();
  }

  /** Watches {@code pool} from now on. */
  public void add(CallPool pool) {
    pools.add(pool);
  }

  /** Watches the I/O threads that run calls where received, from now on. */
  void add(HeldIoThreads threads) {
    heldThreads.add(threads);
  }

  /**
   * Wakes the watch to look now if it sleeps: told by a pool that left a call waiting (to be
   * taken by an awake thread or a woken one), and by an I/O thread about to run a call where
   * received.
   */
  public void lookNow() {
    if (sleeping.get() && sleeping.compareAndSet(true, false)) {
      LockSupport.unpark(thread);
    }
  }

  /** Ends the watch's thread. */
  public void stop() {
    stopped = true;
    LockSupport.unpark(thread);
  }

  private void watch() {
    while (!stopped) {
      long nextLook = checkAll();
      if (nextLook != CallPool.NOTHING_WAITING) {
        LockSupport.parkNanos(this, nextLook);
        continue;
      }
      // Checked again once asleep: a pool that left a call waiting, or an I/O thread that started
      // a call, before then is seen here; one that does after finds the watch asleep and wakes
      // it. An atomic exchange rather than a write: no read of the checks (some only acquiring)
      // can come before it.
      sleeping.getAndSet(true);
      if (checkAll() != CallPool.NOTHING_WAITING) {
        sleeping.set(false);
        continue;
      }
      while (sleeping.get() && !stopped) {
        LockSupport.park(this);
      }
    }
  }

  /**
   * Looks at every pool and I/O thread; returns how long until the soonest of them needs another
   * look, or {@link CallPool#NOTHING_WAITING} if no pool has calls waiting and no I/O thread has
   * run calls where received for a while ({@link HeldIoThreads#check}). A pool whose check fails
   * (it could not start a thread for a stalled call, say) is looked at again as after a stall.
   */
  private long checkAll() {
    long nextLook = CallPool.NOTHING_WAITING;
    for (CallPool pool : pools) {
      long poolNext;
      try {
        poolNext = pool.checkForStall(System.nanoTime());
      } catch (RuntimeException | Error broken) {
        logFailedCheck(pool, broken);
        poolNext = CallPool.RECHECK_NANOS;
      }
      nextLook = sooner(nextLook, poolNext);
    }
    for (HeldIoThreads threads : heldThreads) {
      long threadsNext;
      try {
        threadsNext = threads.check(System.nanoTime());
      } catch (RuntimeException | Error broken) {
        logFailedCheck("the I/O threads", broken);
        threadsNext = HeldIoThreads.LOOK_NANOS;
      }
      nextLook = sooner(nextLook, threadsNext);
    }
    return nextLook;
  }

  /** The sooner of two next looks, either of which may be {@link CallPool#NOTHING_WAITING}. */
  private static long sooner(long a, long b) {
    if (a == CallPool.NOTHING_WAITING) {
      return b;
    }
    return b == CallPool.NOTHING_WAITING ? a : Math.min(a, b);
  }

  private void logFailedCheck(Object watched, Throwable broken) {
    long now = System.nanoTime();
    if (now - loggedNanos >= LOG_EVERY_NANOS) {
      loggedNanos = now;
      log.error("checking {} for stalled calls failed; retrying soon", watched, broken);
    }
  }
}
