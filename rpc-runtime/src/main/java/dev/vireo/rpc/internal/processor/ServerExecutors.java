package dev.vireo.rpc.internal.processor;

import dev.vireo.rpc.ExportOptions;
import dev.vireo.rpc.internal.protocol.ServiceKey;
import dev.vireo.rpc.stub.ServiceDescriptor;
import io.netty.util.collection.IntObjectMap;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The pools a server's calls run on: one shared, bounded pool, and one per service that asks for
 * its own, so a slow service cannot take every thread. Pools are bounded in threads and queue; a
 * full one rejects, and the call is answered with {@code OVERLOADED}. Threads start on demand and
 * end when idle; while calls are short, only as many are awake as there are cores ({@link
 * CallPool}), and a method of the shared pool's whose calls all prove short runs them on the
 * thread that received them ({@link MethodPlacement}).
 */
public final class ServerExecutors {
  /** Into how many shares a pool's queue is cut, one for each connection at most. */
  private static final int QUEUE_SHARES = 4;
  private static final long KEEP_ALIVE_NANOS = TimeUnit.SECONDS.toNanos(60);

  private final int sharedThreads;
  private final int sharedQueue;
  private final List<CallPool> owned = new ArrayList<>();
  private CallPool shared;
  private StallWatch watch;
  private HeldIoThreads heldThreads;

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
      return newPool("vireo-" + service, options.threads(), options.queue());
    }
    if (shared == null) {
      shared = newPool("vireo-server", sharedThreads, sharedQueue);
    }
    return shared;
  }

  /**
   * Where the calls of each of {@code service}'s methods run, when a method whose calls prove
   * short may run them on the thread that received them ({@link MethodPlacement}); null when
   * every call runs where {@link #forService} says. Only calls bound for the shared pool may:
   * a service with a pool or an executor of its own, or declared {@link ExportOptions#blocking},
   * keeps its calls there.
   */
  public synchronized IntObjectMap<MethodPlacement> placements(ServiceDescriptor service,
      ExportOptions options) {
    if (options.direct() || options.blocking() || options.executor() != null
        || options.threads() > 0) {
      return null;
    }
    if (heldThreads == null) {
      StallWatch watch = watch();
      heldThreads = new HeldIoThreads(watch::lookNow);
      watch.add(heldThreads);
    }
    return MethodPlacement.forMethods(service, heldThreads);
  }

  /**
   * How many calls of one connection may wait in {@code executor}'s queue: a quarter of it, so
   * that one client cannot fill a pool's queue and leave the others {@code OVERLOADED}. Zero, for
   * no limit, when the queue is not one this server made.
   */
  public synchronized int queueShare(Executor executor) {
    for (CallPool pool : owned) {
      if (pool == executor) {
        int capacity = pool.queueCapacity();
        return capacity == 0 ? 0 : Math.max(1, capacity / QUEUE_SHARES);
      }
    }
    return 0;
  }

  /**
   * Calls waiting in the pools this server made because every thread a pool may have is busy
   * (not those waiting a moment for a free thread to be woken).
   */
  public synchronized int queued() {
    int queued = 0;
    for (CallPool pool : owned) {
      queued += pool.backlog();
    }
    return queued;
  }

  /** Stops every pool this server made and waits, up to the timeout, for their threads to end. */
  public synchronized void shutDown(long timeout, TimeUnit unit) {
    owned.forEach(CallPool::shutdown);
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    try {
      for (CallPool pool : owned) {
        pool.awaitTermination(Math.max(0, deadline - System.nanoTime()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (CallPool pool : owned) {
      for (Runnable neverRun : pool.shutdownNow()) {
        if (neverRun instanceof IncomingCall call) {
          call.drop();
        }
      }
    }
    if (watch != null) {
      watch.stop();
      watch = null;
    }
  }

  private StallWatch watch() {
    if (watch == null) {
      watch = new StallWatch("vireo-stall-watch");
    }
    return watch;
  }

  private CallPool newPool(String name, int threads, int queue) {
    StallWatch watch = watch();
    CallPool pool = new CallPool(name, threads, queue,
        Runtime.getRuntime().availableProcessors(), KEEP_ALIVE_NANOS, watch::lookNow);
    watch.add(pool);
    owned.add(pool);
    return pool;
  }
}
