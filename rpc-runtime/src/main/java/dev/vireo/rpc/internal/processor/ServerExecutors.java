package dev.vireo.rpc.internal.processor;

import dev.vireo.rpc.ExportOptions;
import dev.vireo.rpc.internal.protocol.ServiceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pools a server's calls run on: one shared, bounded pool, and one per service that asks for
 * its own, so a slow service cannot take every thread. Pools are bounded in threads and queue; a
 * full one rejects, and the call is answered with {@code OVERLOADED}. Threads start on demand and
 * end when idle.
 */
public final class ServerExecutors {
  /** Into how many shares a pool's queue is cut, one for each connection at most. */
  private static final int QUEUE_SHARES = 4;

  private final int sharedThreads;
  private final int sharedQueue;
  private final List<ThreadPoolExecutor> owned = new ArrayList<>();
  private ThreadPoolExecutor shared;

  public ServerExecutors(int sharedThreads, int sharedQueue) {
    this.sharedThreads = sharedThreads;
    this.sharedQueue = sharedQueue;
  }

  /** Where calls of {@code service} run; null means on the receiving thread. */
  public synchronized Executor forService(ServiceKey service, ExportOptions options) {
    if (options.direct()) {
      return null;
    }
    if (options.executor() != null) {
      return options.executor();
    }
    if (options.threads() > 0) {
      ThreadPoolExecutor pool = newPool("vireo-" + service, options.threads(), options.queue());
      owned.add(pool);
      return pool;
    }
    if (shared == null) {
      shared = newPool("vireo-server", sharedThreads, sharedQueue);
      owned.add(shared);
    }
    return shared;
  }

  /**
   * How many calls of one connection may wait in {@code executor}'s queue: a quarter of it, so
   * that one client cannot fill a pool's queue and leave the others {@code OVERLOADED}. Zero, for
   * no limit, when the queue is not one this server made.
   */
  public synchronized int queueShare(Executor executor) {
    for (ThreadPoolExecutor pool : owned) {
      if (pool == executor) {
        int capacity = pool.getQueue().remainingCapacity() + pool.getQueue().size();
        return capacity == 0 ? 0 : Math.max(1, capacity / QUEUE_SHARES);
      }
    }
    return 0;
  }

  /** Calls waiting in the queues of the pools this server made. */
  public synchronized int queued() {
    int queued = 0;
    for (ThreadPoolExecutor pool : owned) {
      queued += pool.getQueue().size();
    }
    return queued;
  }

  /** Stops every pool this server made and waits, up to the timeout, for their threads to end. */
  public synchronized void shutDown(long timeout, TimeUnit unit) {
    owned.forEach(ThreadPoolExecutor::shutdown);
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    try {
      for (ThreadPoolExecutor pool : owned) {
        pool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (ThreadPoolExecutor pool : owned) {
      for (Runnable neverRun : pool.shutdownNow()) {
        if (neverRun instanceof IncomingCall call) {
          call.drop();
        }
      }
    }
  }

  private static ThreadPoolExecutor newPool(String name, int threads, int queue) {
    BlockingQueue<Runnable> work =
        queue == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queue);
    ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, work,
        new NamedThreads(name), new ThreadPoolExecutor.AbortPolicy());
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  private static final class NamedThreads implements ThreadFactory {
    private final String prefix;
    private final AtomicInteger next = new AtomicInteger();

    NamedThreads(String prefix) {
      this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable task) {
      Thread thread = new Thread(task, prefix + "-" + next.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }
}
