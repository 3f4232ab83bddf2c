package dev.vireo.rpc.internal.processor;

import static com.google.common.truth.Truth.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The watch's side is played by the test's own thread, at times it chooses. */
class HeldIoThreadsTest {
  private static final long START = 1_000;

  private final AtomicInteger watchWoken = new AtomicInteger();
  private final HeldIoThreads threads = new HeldIoThreads(watchWoken::incrementAndGet);
  private final Object held = new Object();
  private final WeakReference<Object> noPause = new WeakReference<>(held);
  private final MethodPlacement placement =
      new MethodPlacement("Jobs.take()", threads, System::nanoTime);

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  @Test
  void theWatchSleepsUntilAThreadRunsACallWhereReceived() {
    assertThat(threads.check(START)).isEqualTo(CallPool.NOTHING_WAITING);

    HeldIoThreads.Held thread = threads.current();

    assertThat(watchWoken.get()).isEqualTo(0);
    assertThat(threads.check(START)).isEqualTo(CallPool.NOTHING_WAITING);
    thread.running(placement, START, noPause);
    assertThat(watchWoken.get()).isEqualTo(1);
    assertThat(threads.check(START)).isEqualTo(HeldIoThreads.LOOK_NANOS);
  }

  @Test
  void theWatchSleepsOnceLooksForASecondFoundThatNoCallRan() {
    HeldIoThreads.Held thread = threads.current();
    thread.running(placement, START, noPause);
    thread.ended();
    thread.running(placement, START + 1, noPause);
    thread.ended();

    long now = START + 2;
    assertThat(threads.check(now)).isEqualTo(HeldIoThreads.LOOK_NANOS);
    for (int look = 1; look < HeldIoThreads.IDLE_LOOKS; look++) {
      assertThat(threads.check(now + look)).isEqualTo(HeldIoThreads.LOOK_NANOS);
    }
    assertThat(threads.check(now + HeldIoThreads.IDLE_LOOKS))
        .isEqualTo(CallPool.NOTHING_WAITING);
    thread.running(placement, now + HeldIoThreads.IDLE_LOOKS + 1, noPause);
    thread.ended();
    assertThat(threads.check(now + HeldIoThreads.IDLE_LOOKS + 2))
        .isEqualTo(HeldIoThreads.LOOK_NANOS);
  }

  @Test
  void aCallStillRunningKeepsTheWatchLooking() {
    HeldIoThreads.Held thread = threads.current();
    thread.running(placement, START, noPause);

    assertThat(threads.check(START + 1)).isEqualTo(HeldIoThreads.LOOK_NANOS);
    assertThat(threads.check(START + 2)).isEqualTo(HeldIoThreads.LOOK_NANOS);
    thread.ended();
  }

  @Test
  void aRealWatchSleepsOnceCallsStopAndWakesForTheNextOne() {
    StallWatch watch = new StallWatch("test-held-watch");
    try {
      HeldIoThreads watched = new HeldIoThreads(watch::lookNow);
      watch.add(watched);
      MethodPlacement method = new MethodPlacement("Jobs.get()", watched, System::nanoTime);
      Thread watchThread = threadNamed("test-held-watch");
      HeldIoThreads.Held thread = watched.current();
      assertBecomes(watchThread, Thread.State.WAITING); // asleep: no call ran yet

      // Each call ends before the test waits, so that the watch never finds one held.
      thread.running(method, System.nanoTime(), noPause);
      thread.ended();
      assertBecomes(watchThread, Thread.State.TIMED_WAITING); // woken, looking every LOOK_NANOS
      assertBecomes(watchThread, Thread.State.WAITING); // asleep again a second later
      thread.running(method, System.nanoTime(), noPause);
      thread.ended();
      assertBecomes(watchThread, Thread.State.TIMED_WAITING);
    } finally {
      watch.stop();
    }
  }

  private static Thread threadNamed(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aCallHeldPastTheStallLimitSendsItsMethodBackWhileItRuns() {
    moveToWhereReceived();
    HeldIoThreads.Held thread = threads.current();
    thread.running(placement, START, noPause);

    threads.check(START + MethodPlacement.STALL_NANOS);
    assertThat(placement.whereReceived()).isTrue();
    threads.check(START + MethodPlacement.STALL_NANOS + 1);

    assertThat(placement.whereReceived()).isFalse();
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  void aCallWaitingPastTheInterruptLimitIsInterruptedOnceAndTheFlagClearedWhenItEnds()
      throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    AtomicBoolean flagAfterEnd = new AtomicBoolean(true);
    AtomicBoolean running = new AtomicBoolean();
    Thread io = new Thread(() -> {
      HeldIoThreads.Held thread = threads.current();
      thread.running(placement, START, noPause);
      running.set(true);
      try {
        never.await();
      } catch (InterruptedException e) {
        interrupted.set(true);
        Thread.currentThread().interrupt(); // as an implementation that keeps the flag does
      }
      thread.ended();
      flagAfterEnd.set(Thread.currentThread().isInterrupted());
    }, "test-io");
    io.start();
    assertBecomesTrue(running);
    assertBecomes(io, Thread.State.WAITING);

    threads.check(START + HeldIoThreads.INTERRUPT_NANOS);
    assertThat(interrupted.get()).isFalse();
    threads.check(START + HeldIoThreads.INTERRUPT_NANOS + 1);
    io.join(TimeUnit.SECONDS.toMillis(30));

    assertThat(interrupted.get()).isTrue();
    assertThat(flagAfterEnd.get()).isFalse();
    assertThat(io.isAlive()).isFalse();
  }

  @Test
  void aCallThatComputesPastTheInterruptLimitIsNotInterrupted() throws Exception {
    moveToWhereReceived();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicBoolean computing = new AtomicBoolean();
    AtomicBoolean interrupted = new AtomicBoolean();
    Thread io = new Thread(() -> {
      HeldIoThreads.Held thread = threads.current();
      thread.running(placement, START, noPause);
      computing.set(true);
      while (!stop.get()) {
        Thread.onSpinWait();
      }
      interrupted.set(Thread.currentThread().isInterrupted());
      thread.ended();
    }, "test-io");
    io.start();
    assertBecomesTrue(computing);

    threads.check(START + 2 * HeldIoThreads.INTERRUPT_NANOS);
    stop.set(true);
    io.join(TimeUnit.SECONDS.toMillis(30));

    assertThat(interrupted.get()).isFalse();
    assertThat(placement.whereReceived()).isFalse(); // sent back all the same
  }

  @Test
  void aCallThatEndedIsNotInterruptedNorIsTheNextForItsTime() throws Exception {
    long later = START + 10 * HeldIoThreads.INTERRUPT_NANOS;
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    AtomicBoolean running = new AtomicBoolean();
    Thread io = new Thread(() -> {
      HeldIoThreads.Held thread = threads.current();
      thread.running(placement, START, noPause);
      thread.ended();
      thread.ended();
      thread.running(placement, later, noPause);
      running.set(true);
      try {
        release.await();
      } catch (InterruptedException e) {
        interrupted.set(true);
      }
      thread.ended();
    }, "test-io");
    io.start();
    assertBecomesTrue(running);
    assertBecomes(io, Thread.State.WAITING);

    threads.check(later + 1);
    release.countDown();
    io.join(TimeUnit.SECONDS.toMillis(30));

    assertThat(interrupted.get()).isFalse();
    assertThat(io.isAlive()).isFalse();
  }

  /** Asserts that {@code thread} comes to be in {@code state} within 30 seconds. */
  private static void assertBecomes(Thread thread, Thread.State state) {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1))
        .untilAsserted(() -> assertThat(thread.getState()).isEqualTo(state));
  }

  /** Asserts that {@code flag} comes to be true within 30 seconds. */
  private static void assertBecomesTrue(AtomicBoolean flag) {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1))
        .untilAsserted(() -> assertThat(flag.get()).isTrue());
  }

  private void moveToWhereReceived() {
    for (int i = 0; i < MethodPlacement.FIRST_STREAK; i++) {
      placement.ranOnPool(MethodPlacement.SHORT_NANOS);
    }
    assertThat(placement.whereReceived()).isTrue();
  }
}
