package dev.vireo.rpc.internal.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded pool for calls that wakes as few threads as it can.
 *
 * <p>A plain pool wakes a parked thread for every call it is given; on a small machine each
 * wake-up costs several microseconds, more than a short call itself. This pool keeps at most
 * {@code parallelism} threads (one per core) awake while calls finish quickly: a thread that ends a
 * call takes the next waiting one without parking, and a new call wakes nobody while an awake
 * thread is free to take it. Calls that block are found by their effect: when the oldest waiting
 * call has waited longer than {@link #STALL_NANOS} (the awake threads are all stuck), a {@link
 * StallWatch} wakes a thread for each waiting call no awake thread is free for (up to {@code
 * maxThreads}), and for {@link #EAGER_NANOS} afterwards every new call gets a thread of its own
 * at once, as in a plain pool. So a call waits about {@link #STALL_NANOS} (and the watch's own
 * wake-up) behind one that blocks.
 *
 * <p>Bounded like {@code ThreadPoolExecutor} with a bounded queue: at most {@code maxThreads}
 * threads, started on demand and ended after {@code keepAliveNanos} idle, and at most {@code
 * queueCapacity} calls waiting beyond those the free threads can take; past that, {@link #execute}
 * throws {@link RejectedExecutionException}.
 */
public final class CallPool implements Executor {
  /** How long the oldest waiting call may wait before threads are woken for the waiting calls. */
  static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  /** How long after a stall every new call is given a thread of its own. */
  static final long EAGER_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  /** How soon calls still waiting after a stall are looked at again. */
  static final long RECHECK_NANOS = TimeUnit.MICROSECONDS.toNanos(500);
  /** What {@link #checkForStall} returns when no call waits. */
  public static final long NOTHING_WAITING = -1;

  private static final Logger log = LoggerFactory.getLogger(CallPool.class);

  private final String name;
  private final int maxThreads;
  private final int queueCapacity;
  private final int parallelism;
  private final long keepAliveNanos;
  /** Told when a call is left waiting for the awake threads, so that a stall is looked for. */
  private final Runnable callsWaiting;

  private final Queue<Waiting> queue = new ConcurrentLinkedQueue<>();
  /** Calls accepted and not yet taken by a thread. */
  private final AtomicInteger waiting = new AtomicInteger();
  /** Parked threads, the most recently parked first (its caches are the warmest). */
  private final ConcurrentLinkedDeque<Worker> idle = new ConcurrentLinkedDeque<>();
  private final Set<Worker> workers = ConcurrentHashMap.newKeySet();
  /** Threads started and not ended. */
  private final AtomicInteger threads = new AtomicInteger();
  /** Threads not parked: running a call, or about to look for one. */
  private final AtomicInteger awake = new AtomicInteger();
  /** Threads running a call. */
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger nextThread = new AtomicInteger();
  private volatile long eagerUntilNanos = System.nanoTime();
  private volatile boolean shutDown;
  private final CompletableFuture<Void> terminated = new CompletableFuture<>();

  /**
   * A pool named {@code name} (its threads are {@code name-1}, {@code name-2}, ...) that tells
   * {@code callsWaiting} when it leaves a call to wait (for an awake thread, or for a thread once
   * {@code parallelism} are awake); from then until no call waits, something must call {@link
   * #checkForStall} when it asks (a {@link StallWatch}).
   */
  public CallPool(String name, int maxThreads, int queueCapacity, int parallelism,
      long keepAliveNanos, Runnable callsWaiting) {
    this.name = name;
    this.maxThreads = maxThreads;
    this.queueCapacity = queueCapacity;
    this.parallelism = Math.max(1, Math.min(parallelism, maxThreads));
    this.keepAliveNanos = keepAliveNanos;
    this.callsWaiting = callsWaiting;
  }

  /** Runs {@code call} on one of the pool's threads, or throws if the pool is full or shut down. */
  @Override
  public void execute(Runnable call) {
    if (shutDown) {
      throw new RejectedExecutionException(name + " is shut down");
    }
    if (waiting.incrementAndGet() > queueCapacity + maxThreads - running.get()) {
      waiting.decrementAndGet();
      throw new RejectedExecutionException(name + " is full: " + maxThreads + " threads busy and "
          + queueCapacity + " calls waiting");
    }
    Waiting entry = new Waiting(call, System.nanoTime());
    queue.offer(entry);
    // An awake thread not running a call takes this one: no one is woken. The watch is told in
    // case that thread's next call, or this one, blocks.
    if (awake.get() - running.get() > 0 || !wakeForCall(entry)) {
      callsWaiting.run();
    }
    if (shutDown) {
      withdraw(entry, name + " is shut down");
    }
  }

  /**
   * Wakes or starts a thread for {@code entry}; false if none could be (the limit of threads awake
   * is reached). Withdraws the call and throws if no thread exists and none can be started.
   */
  private boolean wakeForCall(Waiting entry) {
    try {
      return wake(awakeLimit());
    } catch (RejectedExecutionException cannotStart) {
      if (threads.get() == 0) {
        withdraw(entry, cannotStart.getMessage());
      }
      return false;
    }
  }

  /** The calls that may wait beyond those the free threads can take. */
  public int queueCapacity() {
    return queueCapacity;
  }

  /** Calls accepted and not yet taken by a thread. */
  public int queued() {
    return waiting.get();
  }

  /**
   * Calls that wait because every thread the pool may have is busy: those beyond the threads
   * still free to take them. Calls waiting only for a free thread to be woken are not counted.
   */
  public int backlog() {
    return Math.max(0, waiting.get() - (maxThreads - running.get()));
  }

  /** Threads started and not ended. */
  int threads() {
    return threads.get();
  }

  /** Accepts no more calls; the calls already accepted still run, then the threads end. */
  public void shutdown() {
    shutDown = true;
    while (wake(Integer.MAX_VALUE)) {
      // each parked thread wakes, finds the pool shut down, and ends
    }
    if (threads.get() == 0) {
      terminated.complete(null);
    }
  }

  /** Waits up to {@code timeoutNanos} for the threads to end after {@link #shutdown}. */
  public boolean awaitTermination(long timeoutNanos) throws InterruptedException {
    try {
      terminated.get(timeoutNanos, TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /**
   * Shuts the pool down, interrupts the calls running, and returns the calls that never started,
   * which will not run.
   */
  public List<Runnable> shutdownNow() {
    shutdown();
    List<Runnable> neverRun = new ArrayList<>();
    Waiting entry;
    while ((entry = queue.poll()) != null) {
      waiting.decrementAndGet();
      neverRun.add(entry.call);
    }
    workers.forEach(worker -> worker.thread.interrupt());
    return neverRun;
  }

  /**
   * Called by the watch: if the oldest waiting call has waited longer than {@link #STALL_NANOS} at
   * {@code nowNanos}, wakes a thread for each waiting call no awake thread is free for (up to the
   * maximum) and gives every new call a thread of its own for a while. Returns how long after
   * {@code nowNanos} the pool needs its next look: when its oldest waiting call will have waited
   * {@link #STALL_NANOS} (a call queued later stalls later), {@link #RECHECK_NANOS} after a stall,
   * or {@link #NOTHING_WAITING} if no call waits.
   */
  public long checkForStall(long nowNanos) {
    Waiting oldest = queue.peek();
    if (oldest == null) {
      return NOTHING_WAITING;
    }
    long waited = nowNanos - oldest.sinceNanos;
    if (waited <= STALL_NANOS) {
      return STALL_NANOS - waited;
    }
    eagerUntilNanos = nowNanos + EAGER_NANOS;
    for (int i = waiting.get() - (awake.get() - running.get()); i > 0; i--) {
      if (!wake(maxThreads)) {
        break;
      }
    }
    return RECHECK_NANOS;
  }

  @Override
  public String toString() {
    return name;
  }

  /** Takes a call back that no thread will run, if none took it yet. */
  private void withdraw(Waiting entry, String why) {
    if (queue.remove(entry)) {
      waiting.decrementAndGet();
      throw new RejectedExecutionException(why);
    }
  }

  /** How many threads may be awake now: one per core, or all of them for a while after a stall. */
  private int awakeLimit() {
    return System.nanoTime() - eagerUntilNanos < 0 ? maxThreads : parallelism;
  }

  /**
   * Wakes a parked thread, or starts one, if fewer than {@code limit} are awake; false if none
   * was woken. Throws {@link RejectedExecutionException} if a thread was needed and could not be
   * started.
   */
  private boolean wake(int limit) {
    if (!reserveAwake(limit)) {
      return false;
    }
    Worker parked;
    while ((parked = idle.pollFirst()) != null) {
      if (parked.claim()) {
        LockSupport.unpark(parked.thread);
        return true;
      }
    }
    boolean started = false;
    try {
      started = startThread();
      return started;
    } finally {
      if (!started) {
        awake.decrementAndGet(); // the reservation was for a thread that does not exist
      }
    }
  }

  /** Counts one more thread awake if fewer than {@code limit} are. */
  private boolean reserveAwake(int limit) {
    int now;
    do {
      now = awake.get();
      if (now >= limit) {
        return false;
      }
    } while (!awake.compareAndSet(now, now + 1));
    return true;
  }

  /**
   * Starts a thread, already counted awake, if fewer than the maximum exist; throws {@link
   * RejectedExecutionException} if the JVM cannot start one.
   */
  private boolean startThread() {
    int started;
    do {
      started = threads.get();
      if (started >= maxThreads) {
        return false;
      }
    } while (!threads.compareAndSet(started, started + 1));
    if (shutDown) { // checked once counted: termination may have been signalled already
      ended();
      return false;
    }
    Worker worker = new Worker();
    try {
      Thread thread = new Thread(worker, name + "-" + nextThread.incrementAndGet());
      thread.setDaemon(true);
      worker.thread = thread;
      workers.add(worker);
      thread.start();
      return true;
    } catch (OutOfMemoryError | RuntimeException cannotStart) {
      log.warn("{} could not start a thread: {}", name, cannotStart.toString());
      workers.remove(worker);
      ended();
      throw new RejectedExecutionException(name + " could not start a thread: " + cannotStart,
          cannotStart);
    }
  }

  private void ended() {
    if (threads.decrementAndGet() == 0 && shutDown) {
      terminated.complete(null);
    }
  }

  private record Waiting(Runnable call, long sinceNanos) {}

  private final class Worker implements Runnable {
    private volatile Thread thread;
    /** True while parked in {@link #idle} and not yet claimed by a waker or by itself. */
    private final AtomicBoolean parked = new AtomicBoolean();

    /** Takes this worker out of the parked state; true for the one caller that did. */
    boolean claim() {
      return parked.compareAndSet(true, false);
    }

    @Override
    public void run() {
      try {
        do {
          Waiting entry;
          while ((entry = queue.poll()) != null) {
            running.incrementAndGet(); // before the call stops counting as waiting: a caller
            waiting.decrementAndGet(); // that looks in between wakes a thread rather than none
            try {
              entry.call.run();
            } catch (Throwable failed) {
              log.error("a call on {} failed outside its own handling", name, failed);
            } finally {
              running.decrementAndGet();
              Thread.interrupted(); // a call's interrupt must not make this thread's parks spin
            }
          }
        } while (parkUntilWoken());
      } finally {
        workers.remove(this);
      }
    }

    /**
     * Parks until a call is given to this thread; false if it should end: idle for the keep-alive
     * time, or the pool shut down, with no call waiting. On return it counts as awake, and false
     * leaves it counted as ended.
     */
    private boolean parkUntilWoken() {
      parked.set(true);
      idle.addFirst(this);
      awake.decrementAndGet();
      long deadline = System.nanoTime() + keepAliveNanos;
      while (true) {
        // Checked once counted asleep: a caller that queued a call before then saw this thread
        // awake, and left the call for it.
        if (!queue.isEmpty() && reserveAwake(awakeLimit())) {
          if (claim()) {
            idle.remove(this);
          } else {
            awake.decrementAndGet(); // a waker claimed this thread, and counted it awake
          }
          return true;
        }
        if (shutDown || deadline - System.nanoTime() <= 0) {
          if (!claim()) {
            return true; // a waker claimed this thread, and counted it awake
          }
          idle.remove(this);
          ended();
          if (!shutDown && !queue.isEmpty()) {
            try {
              wake(awakeLimit()); // a call queued as this thread left may have counted on it
            } catch (RejectedExecutionException cannotStart) {
              callsWaiting.run(); // logged; the watch tries again while the call waits
            }
          }
          return false;
        }
        LockSupport.parkNanos(this, deadline - System.nanoTime());
        if (!parked.get()) {
          return true; // claimed and unparked by a waker
        }
        if (!shutDown) {
          Thread.interrupted(); // an interrupt from outside must not turn this wait into a spin
        }
      }
    }
  }
}
