package dev.vireo.rpc.internal.processor;

import static com.google.common.truth.Truth.assertThat;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MethodPlacementTest {
  private static final long SHORT = MethodPlacement.SHORT_NANOS;
  private static final long LONG = MethodPlacement.SHORT_NANOS + 1;
  private static final long STALL = MethodPlacement.STALL_NANOS + 1;
  private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

  private long now = 1_000;
  private final MethodPlacement placement = new MethodPlacement("Users.get(long)",
      new HeldIoThreads(() -> { }), () -> now);
  /** A mark no collection clears while the test holds it. */
  private final Object held = new Object();
  private final WeakReference<Object> noPause = new WeakReference<>(held);

  @Test
  void aMethodStartsOnThePool() {
    assertThat(placement.whereReceived()).isFalse();
  }

  @Test
  void aStreakOfShortCallsOnThePoolMovesTheMethodToWhereCallsAreReceived() {
    ranShortOnPool(MethodPlacement.FIRST_STREAK - 1);
    assertThat(placement.whereReceived()).isFalse();

    placement.ranOnPool(SHORT);

    assertThat(placement.whereReceived()).isTrue();
  }

  @Test
  void oneLongCallStartsTheStreakAgain() {
    ranShortOnPool(MethodPlacement.FIRST_STREAK - 1);
    placement.ranOnPool(LONG);

    ranShortOnPool(MethodPlacement.FIRST_STREAK - 1);
    assertThat(placement.whereReceived()).isFalse();
    placement.ranOnPool(SHORT);
    assertThat(placement.whereReceived()).isTrue();
  }

  @Test
  void aCallThatStallsWhereReceivedSendsTheMethodBackAtOnceForALongerStreak() {
    moveToWhereReceived();

    placement.ranWhereReceived(STALL, noPause);

    assertThat(placement.whereReceived()).isFalse();
    int longer = MethodPlacement.FIRST_STREAK * MethodPlacement.STREAK_GROWTH;
    ranShortOnPool(longer - 1);
    assertThat(placement.whereReceived()).isFalse();
    placement.ranOnPool(SHORT);
    assertThat(placement.whereReceived()).isTrue();
  }

  @Test
  void anOverrunNowAndThenIsTolerated() {
    moveToWhereReceived();
    long millisecond = TimeUnit.MILLISECONDS.toNanos(1);
    long paidBackBy = (millisecond - MethodPlacement.OVERRUN_NANOS) / MethodPlacement.PAYBACK_NANOS;

    for (int i = 0; i < 1_000; i++) {
      placement.ranWhereReceived(millisecond, noPause);
      for (int j = 0; j < paidBackBy; j++) {
        placement.ranWhereReceived(MethodPlacement.OVERRUN_NANOS, noPause);
      }
    }

    assertThat(placement.whereReceived()).isTrue();
  }

  @Test
  void overrunsThatAddUpToAStallSendTheMethodBack() {
    moveToWhereReceived();
    long tenMillis = TimeUnit.MILLISECONDS.toNanos(10);
    long tolerated = MethodPlacement.STALL_NANOS / (tenMillis - MethodPlacement.OVERRUN_NANOS);
    for (int i = 0; i < tolerated; i++) {
      placement.ranWhereReceived(tenMillis, noPause);
      placement.ranWhereReceived(MethodPlacement.OVERRUN_NANOS, noPause);
    }
    assertThat(placement.whereReceived()).isTrue();

    placement.ranWhereReceived(tenMillis, noPause);

    assertThat(placement.whereReceived()).isFalse();
  }

  @Test
  void aGarbageCollectionDuringACallExcusesOnlyAPausesWorthOfIt() {
    moveToWhereReceived();
    WeakReference<Object> collected = new WeakReference<>(null);

    placement.ranWhereReceived(MethodPlacement.STALL_NANOS + MethodPlacement.PAUSE_EXCUSE_NANOS,
        collected);
    assertThat(placement.whereReceived()).isTrue();

    placement.ranWhereReceived(TimeUnit.SECONDS.toNanos(1), collected);
    assertThat(placement.whereReceived()).isFalse();
  }

  @Test
  void theWatchSendsBackAMethodWhoseCallStillRunsAfterAStall() {
    moveToWhereReceived();

    placement.heldTooLong(MethodPlacement.STALL_NANOS, noPause);
    assertThat(placement.whereReceived()).isTrue();
    placement.heldTooLong(STALL, noPause);

    assertThat(placement.whereReceived()).isFalse();
  }

  @Test
  void whatACallOwedAfterItsMethodWentBackIsNotCarriedWhenItComesBack() {
    moveToWhereReceived();
    placement.heldTooLong(STALL, noPause);
    placement.ranWhereReceived(TimeUnit.SECONDS.toNanos(1), noPause);

    moveToWhereReceived();
    placement.ranWhereReceived(TimeUnit.MILLISECONDS.toNanos(1), noPause);

    assertThat(placement.whereReceived()).isTrue();
  }

  @Test
  void afterItsLastReturnAMethodStaysOnThePoolUntilAReturnIsForgiven() {
    for (int i = 0; i < MethodPlacement.MAX_RETURNS; i++) {
      moveToWhereReceived();
      placement.ranWhereReceived(STALL, noPause);
    }

    ranShortOnPool(1_000_000);
    assertThat(placement.whereReceived()).isFalse();

    now += MethodPlacement.FORGIVE_NANOS - MINUTE;
    ranShortOnPool(1_000_000);
    assertThat(placement.whereReceived()).isFalse();

    now += MINUTE;
    moveToWhereReceived();
    assertThat(placement.whereReceived()).isTrue();
  }

  @Test
  void aMarkTakenBeforeACollectionSaysSo() {
    WeakReference<Object> mark = Pauses.mark();

    // Garbage until the young generation is collected, bounded in time.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    List<byte[]> garbage = new ArrayList<>();
    while (!Pauses.collectedSince(mark) && System.nanoTime() - deadline < 0) {
      garbage.add(new byte[64 * 1024]);
      if (garbage.size() > 64) {
        garbage.clear();
      }
    }

    assertThat(Pauses.collectedSince(mark)).isTrue();
    assertThat(Pauses.mark()).isNotSameInstanceAs(mark);
  }

  /** Short calls on the pool until the method moves; fails if it never does. */
  private void moveToWhereReceived() {
    for (int i = 0; i < 1_000_000 && !placement.whereReceived(); i++) {
      placement.ranOnPool(SHORT);
    }
    assertThat(placement.whereReceived()).isTrue();
  }

  private void ranShortOnPool(int calls) {
    for (int i = 0; i < calls; i++) {
      placement.ranOnPool(SHORT);
    }
  }
}
