package dev.vireo.rpc.it;

import static org.awaitility.Awaitility.await;

import dev.vireo.rpc.RpcException;
import dev.vireo.rpc.it.services.UserService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads calling a service without pause, half of them an {@code @Idempotent} method and half
 * one that is not, recording every failure. Bounded: each thread stops after 100,000 calls, and
 * {@link #stop()} stops them all.
 */
final class CallerLoad {
  private static final Duration WAIT = Duration.ofSeconds(20);

  final List<RuntimeException> idempotentFailures = new CopyOnWriteArrayList<>();
  final List<RuntimeException> otherFailures = new CopyOnWriteArrayList<>();
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final CountDownLatch done;

  private CallerLoad(UserService users, int callers) {
    done = new CountDownLatch(callers);
    for (int c = 0; c < callers; c++) {
      boolean idempotent = c % 2 == 0;
      Thread caller = new Thread(() -> {
        for (long i = 0; i < 100_000 && !stop.get(); i++) {
          try {
            if (idempotent) {
              users.getUser(i);
            } else {
              users.existUser("u" + i + "@vireo.dev");
            }
            calls.incrementAndGet();
          } catch (RuntimeException e) {
            (idempotent ? idempotentFailures : otherFailures).add(e);
          }
        }
        done.countDown();
      }, "caller-" + c);
      caller.setDaemon(true);
      caller.start();
    }
  }

  static CallerLoad start(UserService users, int callers) {
    return new CallerLoad(users, callers);
  }

  /** Waits until {@code more} calls more than now have succeeded. */
  void awaitCalls(int more) {
    int target = calls.get() + more;
    await().atMost(WAIT).until(() -> calls.get() >= target);
  }

  int calls() {
    return calls.get();
  }

  void stop() throws InterruptedException {
    stop.set(true);
    done.await(30, TimeUnit.SECONDS);
  }

  /** Whether every failure of the method that is not idempotent says it may have run. */
  boolean otherFailuresAllMayHaveRun() {
    return otherFailures.stream()
        .allMatch(e -> e instanceof RpcException rpc && rpc.mayHaveRun());
  }
}
