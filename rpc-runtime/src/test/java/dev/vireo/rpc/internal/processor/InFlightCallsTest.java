package dev.vireo.rpc.internal.processor;

import static com.google.common.truth.Truth.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class InFlightCallsTest {
  /** Far longer than the test may take: a waiter that is not woken fails it. */
  private static final long WAIT_NANOS = TimeUnit.MINUTES.toNanos(10);

  private final InFlightCalls calls = new InFlightCalls();

  @Test
  void noCallInFlightIsNothingToWaitFor() throws InterruptedException {
    calls.started();
    calls.finished();

    assertThat(calls.awaitNone(WAIT_NANOS)).isTrue();
  }

  @Test
  void aWaiterIsWokenByTheLastCallToFinish() throws Exception {
    calls.started();
    calls.started();
    AtomicReference<Thread> waiter = new AtomicReference<>();
    CompletableFuture<Boolean> none = CompletableFuture.supplyAsync(() -> {
      waiter.set(Thread.currentThread());
      try {
        return calls.awaitNone(WAIT_NANOS);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    await().until(() -> waiter.get() != null
        && waiter.get().getState() == Thread.State.TIMED_WAITING);

    calls.finished();
    assertThat(none.isDone()).isFalse();
    calls.finished();

    assertThat(none.get(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aWaiterGivesUpAtItsTimeout() throws InterruptedException {
    calls.started();

    assertThat(calls.awaitNone(Duration.ofMillis(1).toNanos())).isFalse();
  }
}
