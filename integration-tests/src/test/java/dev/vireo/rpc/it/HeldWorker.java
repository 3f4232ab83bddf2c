package dev.vireo.rpc.it;

import dev.vireo.rpc.CallContext;
import dev.vireo.rpc.it.services.Worker;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Jobs that hold their thread until {@link #finish} lets them go, or until they see, through
 * {@link CallContext#isCancelled()}, that their caller gave up. Tests wait on {@link #events}.
 */
final class HeldWorker implements Worker {
  /** "started job", "cancelled job", "finished job", in the order they happened. */
  final BlockingQueue<String> events = new LinkedBlockingQueue<>();
  /** The jobs that ran, in order. */
  final List<String> ran = new CopyOnWriteArrayList<>();
  private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();

  void finish(String job) {
    gate(job).countDown();
  }

  /** The next event, waiting up to 10 s for it. */
  String nextEvent() throws InterruptedException {
    String event = events.poll(10, TimeUnit.SECONDS);
    if (event == null) {
      throw new AssertionError("no event within 10 s; so far: " + ran);
    }
    return event;
  }

  @Override
  public boolean work(String job) {
    ran.add(job);
    events.add("started " + job);
    CallContext call = CallContext.current();
    try {
      while (!gate(job).await(2, TimeUnit.MILLISECONDS)) {
        if (call.isCancelled()) {
          events.add("cancelled " + job);
          return true;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    events.add("finished " + job);
    return false;
  }

  @Override
  public int ping(int value) {
    return value;
  }

  private CountDownLatch gate(String job) {
    return gates.computeIfAbsent(job, any -> new CountDownLatch(1));
  }
}
