package dev.vireo.rpc.internal.processor;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that finds calls stuck behind busy threads in its {@link CallPool}s: while any pool
 * has calls waiting it sleeps until the first moment one of them could be stalled (its oldest
 * call's waiting time reaching {@link CallPool#STALL_NANOS}) and looks then, and otherwise it
 * sleeps until a pool tells it that a call was left to wait (for an awake thread, or for a thread
 * once the pool's limit of awake threads is reached). Under steady load, with calls taken within
 * microseconds, that is about a wake-up per stall time; when the queues empty between calls, a
 * call may wake it.
 */
public final class StallWatch {
  private static final Logger log = LoggerFactory.getLogger(StallWatch.class);

  private final List<CallPool> pools = new CopyOnWriteArrayList<>();
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

  /** Told by a pool that left a call waiting, to be taken by an awake thread or a woken one. */
  public void callsWaiting() {
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
      sleeping.set(true);
      // Checked again once asleep: a pool that left a call waiting before then is seen here,
      // one that does after finds the watch asleep and wakes it.
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
   * Looks at every pool; returns how long until the soonest of them needs another look, or {@link
   * CallPool#NOTHING_WAITING} if none has calls waiting.
   */
  private long checkAll() {
    long now = System.nanoTime();
    long nextLook = CallPool.NOTHING_WAITING;
    for (CallPool pool : pools) {
      try {
        long poolNext = pool.checkForStall(now);
        if (poolNext != CallPool.NOTHING_WAITING
            && (nextLook == CallPool.NOTHING_WAITING || poolNext < nextLook)) {
          nextLook = poolNext;
        }
      } catch (RuntimeException | Error broken) {
        log.error("checking {} for stalled calls failed", pool, broken);
      }
    }
    return nextLook;
  }
}
