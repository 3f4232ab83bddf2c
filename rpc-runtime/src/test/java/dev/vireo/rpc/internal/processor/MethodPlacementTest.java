package dev.vireo.rpc.internal.processor;

import static com.google.common.truth.Truth.assertThat;

import java.lang.ref.WeakReference;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MethodPlacementTest {
  private static final long SHORT = MethodPlacement.SHORT_NANOS;
  private static final long LONG = MethodPlacement.SHORT_NANOS + 1;
  private static final long OVERRUN = MethodPlacement.OVERRUN_NANOS + 1;
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

    for (int i = 0; i < 1_000; i++) {
      placement.ranWhereReceived(OVERRUN, noPause);
      for (int j = 0; j < MethodPlacement.OVERRUN_COST; j++) {
        placement.ranWhereReceived(MethodPlacement.OVERRUN_NANOS, noPause);
      }
    }

    assertThat(placement.whereReceived()).isTrue();
  }

  @Test
  void overrunsOneAfterAnotherSendTheMethodBack() {
    moveToWhereReceived();
    int tolerated = MethodPlacement.DEBT_LIMIT / MethodPlacement.OVERRUN_COST;
    for (int i = 0; i < tolerated; i++) {
      placement.ranWhereReceived(MethodPlacement.STALL_NANOS, noPause);
    }
    assertThat(placement.whereReceived()).isTrue();

    placement.ranWhereReceived(OVERRUN, noPause);

    assertThat(placement.whereReceived()).isFalse();
  }

  @Test
  void aStallOrOverrunsDuringAGarbageCollectionAreNotTheMethodsDoing() {
    moveToWhereReceived();
    WeakReference<Object> collected = new WeakReference<>(null);

    placement.ranWhereReceived(STALL, collected);
    for (int i = 0; i < 100; i++) {
      placement.ranWhereReceived(OVERRUN, collected);
    }

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

    System.gc();

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
