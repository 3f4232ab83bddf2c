package dev.vireo.rpc.internal.processor;

import static com.google.common.truth.Truth.assertThat;

import java.lang.ref.WeakReference;
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
  void theWatchSleepsUntilAThreadFirstRunsACallWhereReceived() {
    assertThat(threads.check(START)).isEqualTo(CallPool.NOTHING_WAITING);

    threads.current();

    assertThat(watchWoken.get()).isEqualTo(1);
    assertThat(threads.check(START)).isEqualTo(HeldIoThreads.LOOK_NANOS);
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
  void aCallHeldPastTheInterruptLimitIsInterruptedOnceAndTheFlagClearedWhenItEnds() {
    HeldIoThreads.Held thread = threads.current();
    thread.running(placement, START, noPause);

    threads.check(START + HeldIoThreads.INTERRUPT_NANOS);
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
    threads.check(START + HeldIoThreads.INTERRUPT_NANOS + 1);
    assertThat(Thread.interrupted()).isTrue();
    threads.check(START + 2 * HeldIoThreads.INTERRUPT_NANOS);
    assertThat(Thread.currentThread().isInterrupted()).isFalse();

    Thread.currentThread().interrupt(); // as if the first interrupt were still pending
    thread.ended();

    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  void aCallThatEndedIsNotInterruptedNorIsTheNextForItsTime() {
    HeldIoThreads.Held thread = threads.current();
    thread.running(placement, START, noPause);
    thread.ended();
    thread.ended();

    threads.check(START + 10 * HeldIoThreads.INTERRUPT_NANOS);
    thread.running(placement, START + 10 * HeldIoThreads.INTERRUPT_NANOS, noPause);
    threads.check(START + 10 * HeldIoThreads.INTERRUPT_NANOS + 1);

    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  private void moveToWhereReceived() {
    for (int i = 0; i < MethodPlacement.FIRST_STREAK; i++) {
      placement.ranOnPool(MethodPlacement.SHORT_NANOS);
    }
    assertThat(placement.whereReceived()).isTrue();
  }
}
