package dev.vireo.rpc.internal.processor;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.collect.Range;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class CallPoolTest {
  private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);
  /** Long after any call of these tests was queued: every waiting call counts as stalled. */
  private static final long MUCH_LATER = TimeUnit.HOURS.toNanos(1);

  private final CountDownLatch release = new CountDownLatch(1);
  private CallPool pool;

  @AfterEach
  void stop() throws InterruptedException {
    release.countDown();
    if (pool != null) {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(TimeUnit.SECONDS.toNanos(10))).isTrue();
    }
  }

  /** A pool whose stalls are looked for only when a test asks. */
  private static CallPool pool(int maxThreads, int queue, int parallelism) {
    return new CallPool("test-pool", maxThreads, queue, parallelism, MINUTE, () -> { });
  }

  @Test
  void shortCallsRunOnNoMoreThreadsAtOnceThanItsParallelism() throws InterruptedException {
    pool = pool(16, 10_000, 2);
    AtomicInteger runningNow = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(2_000);
    for (int i = 0; i < 2_000; i++) {
      pool.execute(() -> {
        mostAtOnce.accumulateAndGet(runningNow.incrementAndGet(), Math::max);
        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(10));
        runningNow.decrementAndGet();
        done.countDown();
      });
    }
    assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(mostAtOnce.get()).isAtMost(2);
  }

  @Test
  void aCallQueuedForAThreadThatThenBlocksOnAnEarlierCallIsRunByAnotherOnceTheWatchSeesIt()
      throws InterruptedException {
    StallWatch watch = new StallWatch("test-watch");
    try {
      pool = new CallPool("test-pool", 4, 16, 2, MINUTE, watch::lookNow);
      watch.add(pool);
      CountDownLatch ran = new CountDownLatch(1);

      pool.execute(this::awaitRelease);
      pool.execute(ran::countDown);

      assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      watch.stop();
    }
  }

  @Test
  void aCallWaitsBehindBusyThreadsUntilAStallIsSeenThenGetsAThreadOfItsOwn()
      throws InterruptedException {
    pool = pool(4, 16, 1);
    CountDownLatch blockedRunning = new CountDownLatch(1);
    pool.execute(() -> {
      blockedRunning.countDown();
      awaitRelease();
    });
    assertThat(blockedRunning.await(10, TimeUnit.SECONDS)).isTrue();
    CountDownLatch ran = new CountDownLatch(1);
    pool.execute(ran::countDown);

    assertThat(pool.queued()).isEqualTo(1);
    assertThat(pool.threads()).isEqualTo(1);
    assertThat(pool.checkForStall(System.nanoTime() + MUCH_LATER))
        .isEqualTo(CallPool.RECHECK_NANOS);

    assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(pool.threads()).isEqualTo(2);
  }

  @Test
  void afterAStallEachNewCallGetsAThreadAtOnce() throws InterruptedException {
    pool = pool(4, 16, 1);
    CountDownLatch running = new CountDownLatch(2);
    pool.execute(() -> {
      running.countDown();
      awaitRelease();
    });
    pool.execute(() -> {
      running.countDown();
      awaitRelease();
    });
    pool.checkForStall(System.nanoTime() + MUCH_LATER);
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

    CountDownLatch ran = new CountDownLatch(1);
    pool.execute(ran::countDown);

    assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(pool.threads()).isEqualTo(3);
  }

  @Test
  void withNoCallWaitingThereIsNoStall() {
    pool = pool(4, 16, 1);

    assertThat(pool.checkForStall(System.nanoTime() + MUCH_LATER))
        .isEqualTo(CallPool.NOTHING_WAITING);
    assertThat(pool.threads()).isEqualTo(0);
  }

  @Test
  void theNextLookIsWhenTheOldestWaitingCallCouldFirstBeStalled() throws InterruptedException {
    pool = pool(4, 16, 1);
    blockOneThread();
    long before = System.nanoTime();
    pool.execute(() -> {});
    long after = System.nanoTime();
    pool.execute(() -> {});

    // A quarter of the stall time after the first queued call at the latest: no stall yet.
    long look = before + CallPool.STALL_NANOS / 4;
    long earliest = CallPool.STALL_NANOS - CallPool.STALL_NANOS / 4;
    assertThat(pool.checkForStall(look)).isIn(Range.closed(earliest, earliest + (after - before)));
    assertThat(pool.threads()).isEqualTo(1);
  }

  @Test
  void withNoQueueACallIsRefusedWhileEveryThreadIsBusy() throws InterruptedException {
    pool = pool(1, 0, 1);
    blockOneThread();

    RejectedExecutionException refused =
        assertThrows(RejectedExecutionException.class, () -> pool.execute(() -> { }));
    assertThat(refused).hasMessageThat().contains("1 threads busy and 0 calls waiting");
  }

  @Test
  void theQueueHoldsItsCapacityBeyondTheBusyThreadsAndNoMore() throws InterruptedException {
    pool = pool(1, 2, 1);
    blockOneThread();
    pool.execute(() -> { });
    pool.execute(() -> { });

    assertThrows(RejectedExecutionException.class, () -> pool.execute(() -> { }));
    assertThat(pool.queued()).isEqualTo(2);
  }

  @Test
  void theBacklogCountsOnlyTheCallsBeyondTheThreadsStillFree() throws InterruptedException {
    pool = pool(4, 16, 1);
    blockOneThread();
    pool.execute(() -> { });
    pool.execute(() -> { });

    assertThat(pool.queued()).isEqualTo(2);
    assertThat(pool.backlog()).isEqualTo(0);
  }

  @Test
  void theBacklogCountsTheCallsWaitingWhileEveryThreadIsBusy() throws InterruptedException {
    pool = pool(1, 4, 1);
    blockOneThread();
    pool.execute(() -> { });
    pool.execute(() -> { });

    assertThat(pool.backlog()).isEqualTo(2);
  }

  @Test
  void shutdownRunsTheCallsAlreadyAcceptedThenEndsItsThreads() throws InterruptedException {
    pool = pool(1, 4, 1);
    blockOneThread();
    CountDownLatch queuedRan = new CountDownLatch(1);
    pool.execute(queuedRan::countDown);

    pool.shutdown();
    assertThrows(RejectedExecutionException.class, () -> pool.execute(() -> { }));
    assertThat(pool.awaitTermination(TimeUnit.MILLISECONDS.toNanos(1))).isFalse();
    release.countDown();

    assertThat(pool.awaitTermination(TimeUnit.SECONDS.toNanos(10))).isTrue();
    assertThat(queuedRan.getCount()).isEqualTo(0);
    assertThat(pool.threads()).isEqualTo(0);
  }

  @Test
  void shutdownNowInterruptsTheRunningCallsAndReturnsThoseThatNeverRan()
      throws InterruptedException {
    pool = pool(1, 4, 1);
    CountDownLatch running = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    pool.execute(() -> {
      running.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        interrupted.set(true);
      }
    });
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
    Runnable neverRun = () -> { };
    pool.execute(neverRun);

    List<Runnable> dropped = pool.shutdownNow();

    assertThat(dropped).containsExactly(neverRun);
    assertThat(pool.awaitTermination(TimeUnit.SECONDS.toNanos(10))).isTrue();
    assertThat(interrupted.get()).isTrue();
    assertThat(pool.queued()).isEqualTo(0);
  }

  @Test
  void aPoolShutDownBeforeAnyCallTerminatesAtOnce() throws InterruptedException {
    pool = pool(2, 2, 1);

    pool.shutdown();

    assertThat(pool.awaitTermination(0)).isTrue();
  }

  @Test
  void idleThreadsEndAfterTheKeepAliveAndNewOnesStartForLaterCalls() throws InterruptedException {
    pool = new CallPool("test-pool", 2, 4, 2, TimeUnit.MILLISECONDS.toNanos(20), () -> { });
    CountDownLatch first = new CountDownLatch(1);
    pool.execute(first::countDown);
    assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (pool.threads() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(pool.threads()).isEqualTo(0);

    CountDownLatch later = new CountDownLatch(1);
    pool.execute(later::countDown);
    assertThat(later.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aCallThatLeavesItsThreadInterruptedDoesNotInterruptTheNext() throws InterruptedException {
    pool = pool(1, 4, 1);
    AtomicReference<Boolean> nextSawInterrupt = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    pool.execute(() -> Thread.currentThread().interrupt());
    pool.execute(() -> {
      nextSawInterrupt.set(Thread.currentThread().isInterrupted());
      done.countDown();
    });

    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(nextSawInterrupt.get()).isFalse();
  }

  @Test
  void aFailingCallDoesNotEndItsThread() throws InterruptedException {
    pool = pool(2, 4, 1);
    AtomicReference<Thread> failedOn = new AtomicReference<>();
    AtomicReference<Thread> nextOn = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    pool.execute(() -> {
      failedOn.set(Thread.currentThread());
      throw new IllegalStateException("a call that fails outside its own handling");
    });
    pool.execute(() -> {
      nextOn.set(Thread.currentThread());
      done.countDown();
    });

    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(nextOn.get()).isSameInstanceAs(failedOn.get());
    assertThat(pool.threads()).isEqualTo(1);
  }

  @Test
  void theWatchGivesACallStuckBehindABlockedThreadAThreadOfItsOwn() throws InterruptedException {
    StallWatch watch = new StallWatch("test-watch");
    try {
      pool = new CallPool("test-pool", 4, 16, 1, MINUTE, watch::lookNow);
      watch.add(pool);
      blockOneThread();
      CountDownLatch ran = new CountDownLatch(1);

      pool.execute(ran::countDown);

      assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      watch.stop();
    }
  }

  /**
   * Threads leave after a microsecond idle while four threads submit calls, some of which block
   * briefly: every call runs exactly once.
   */
  @RepeatedTest(5)
  void noCallIsLostOrRunTwiceWhileThreadsComeAndGo() throws InterruptedException {
    StallWatch watch = new StallWatch("test-watch");
    try {
      pool = new CallPool("test-pool", 8, 100_000, 2, TimeUnit.MICROSECONDS.toNanos(1),
          watch::lookNow);
      watch.add(pool);
      int submitters = 4;
      int each = 5_000;
      AtomicIntegerArray runs = new AtomicIntegerArray(submitters * each);
      AtomicInteger refused = new AtomicInteger();
      CountDownLatch done = new CountDownLatch(submitters * each);
      CountDownLatch go = new CountDownLatch(1);
      for (int s = 0; s < submitters; s++) {
        int first = s * each;
        Thread submitter = new Thread(() -> {
          awaitQuietly(go);
          for (int i = 0; i < each; i++) {
            int slot = first + i;
            Runnable call = () -> {
              if (slot % 100 == 0) {
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
              }
              runs.incrementAndGet(slot);
              done.countDown();
            };
            try {
              pool.execute(call);
            } catch (RejectedExecutionException e) {
              refused.incrementAndGet();
              done.countDown();
            }
          }
        });
        submitter.start();
      }
      go.countDown();

      assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
      pool.shutdown();
      assertThat(pool.awaitTermination(TimeUnit.SECONDS.toNanos(10))).isTrue();
      assertThat(refused.get()).isEqualTo(0);
      for (int slot = 0; slot < runs.length(); slot++) {
        assertThat(runs.get(slot)).isEqualTo(1);
      }
      assertThat(pool.queued()).isEqualTo(0);
    } finally {
      watch.stop();
    }
  }

  private void blockOneThread() throws InterruptedException {
    CountDownLatch running = new CountDownLatch(1);
    pool.execute(() -> {
      running.countDown();
      awaitRelease();
    });
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
  }

  private void awaitRelease() {
    awaitQuietly(release);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
