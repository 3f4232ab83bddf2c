package dev.vireo.rpc.internal.processor;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that finds calls stuck behind busy threads in its {@link CallPool}s: while any pool
 * has calls waiting it checks them every {@link #TICK_NANOS}, and otherwise it sleeps until a pool
 * tells it that a call was left to wait (for an awake thread, or for a thread once the pool's
 * limit of awake threads is reached). Under steady load that is a wake-up per tick; when the
 * queues empty between calls, a call may wake it.
 */
public final class StallWatch {
  private static final long TICK_NANOS = TimeUnit.MICROSECONDS.toNanos(500);
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
      if (checkAll()) {
        LockSupport.parkNanos(this, TICK_NANOS);
        continue;
      }
      sleeping.set(true);
      // Checked again once asleep: a pool that left a call waiting before then is seen here,
      // one that does after finds the watch asleep and wakes it.
      if (checkAll()) {
        sleeping.set(false);
        continue;
      }
      while (sleeping.get() && !stopped) {
        LockSupport.park(this);
      }
    }
  }

  private boolean checkAll() {
    long now = System.nanoTime();
    boolean waiting = false;
    for (CallPool pool : pools) {
      try {
        waiting |= pool.wakeIfStalled(now);
      } catch (RuntimeException | Error broken) {
        log.error("checking {} for stalled calls failed", pool, broken);
      }
    }
    return waiting;
  }
}
