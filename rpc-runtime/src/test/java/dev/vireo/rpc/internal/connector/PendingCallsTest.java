package dev.vireo.rpc.internal.connector;

import static com.google.common.truth.Truth.assertThat;

import dev.vireo.rpc.internal.protocol.Response;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The table of calls waiting on a connection, in its ring and beyond it; a call leaves it however
 * it fails, and only then; a call its caller gave up on is reported abandoned, once.
 */
class PendingCallsTest {
  private final List<Long> abandoned = new ArrayList<>();
  private final PendingCalls table = new PendingCalls(abandoned::add);

  private PendingCall sent(long id) {
    PendingCall call = new PendingCall(table, id);
    table.add(call);
    call.markSent();
    return call;
  }

  @Test
  void aCallIsTakenByItsIdOnce() {
    PendingCall call = sent(7);
    assertThat(table.take(8)).isNull();
    assertThat(table.take(7)).isSameInstanceAs(call);
    assertThat(table.take(7)).isNull();
  }

  @Test
  void moreCallsThanSlotsAreAllFoundByTheirIds() {
    List<PendingCall> calls = new ArrayList<>();
    for (long id = 1; id <= 3L * PendingCalls.SLOTS; id++) {
      calls.add(sent(id));
    }
    for (int i = calls.size() - 1; i >= 0; i--) {
      assertThat(table.take(i + 1)).isSameInstanceAs(calls.get(i));
    }
    assertThat(table.takeAll()).isEmpty();
  }

  @Test
  void aCallStuckBehindLetsLaterCallsThrough() {
    PendingCall stuck = sent(5);
    PendingCall sameSlot = sent(5 + PendingCalls.SLOTS);
    assertThat(table.take(5 + PendingCalls.SLOTS)).isSameInstanceAs(sameSlot);
    assertThat(table.take(5)).isSameInstanceAs(stuck);
  }

  @Test
  void aRemovedCallIsNotTakenButItsNeighboursAre() {
    PendingCall first = sent(9);
    PendingCall second = sent(9 + PendingCalls.SLOTS);
    table.remove(second);
    table.remove(first);
    assertThat(table.take(9)).isNull();
    assertThat(table.take(9 + PendingCalls.SLOTS)).isNull();
  }

  @Test
  void takeAllEmptiesTheRingAndTheOverflow() {
    PendingCall inRing = sent(1);
    PendingCall overflowed = sent(1 + PendingCalls.SLOTS);
    PendingCall other = sent(2);
    assertThat(table.takeAll()).containsExactly(inRing, overflowed, other);
    assertThat(table.take(1)).isNull();
    assertThat(table.take(2)).isNull();
  }

  @Test
  void aFailedCallLeavesTheTable() {
    sent(1).completeExceptionally(new IllegalStateException("lost"));
    assertThat(table.take(1)).isNull();
  }

  @Test
  void aCancelledCallLeavesTheTable() {
    sent(2).cancel(false);
    assertThat(table.take(2)).isNull();
  }

  @Test
  void aCallThatTimesOutLeavesTheTable() throws Exception {
    PendingCall call = sent(3);
    call.orTimeout(1, TimeUnit.MILLISECONDS);
    Throwable failure = call.handle((response, f) -> f).get(10, TimeUnit.SECONDS);
    assertThat(failure).isInstanceOf(TimeoutException.class);
    assertThat(table.take(3)).isNull();
  }

  @Test
  void failingACallAlreadyAnsweredLeavesItsSuccessorAlone() {
    PendingCall answered = sent(4);
    assertThat(table.take(4)).isSameInstanceAs(answered);
    answered.complete(new Response(0, Unpooled.EMPTY_BUFFER));
    PendingCall successor = sent(4 + PendingCalls.SLOTS);
    answered.completeExceptionally(new IllegalStateException("too late"));
    assertThat(table.take(4 + PendingCalls.SLOTS)).isSameInstanceAs(successor);
  }

  @Test
  void aCallItsCallerGaveUpOnIsReportedAbandonedOnce() {
    PendingCall cancelled = sent(11);
    PendingCall timedOut = sent(12 + PendingCalls.SLOTS);
    sent(12);

    cancelled.cancel(false);
    cancelled.cancel(false);
    timedOut.completeExceptionally(new TimeoutException());

    assertThat(abandoned).containsExactly(11L, 12L + PendingCalls.SLOTS).inOrder();
  }

  @Test
  void aCallAnsweredOrTakenWithItsConnectionIsNotAbandoned() {
    PendingCall answered = sent(21);
    PendingCall lostWithConnection = sent(22);

    table.take(21).complete(new Response(0, Unpooled.EMPTY_BUFFER));
    answered.completeExceptionally(new TimeoutException());
    table.takeAll();
    lostWithConnection.completeExceptionally(new IllegalStateException("connection closed"));

    assertThat(abandoned).isEmpty();
  }

  @Test
  void aCallGivenUpBeforeItsRequestWasQueuedIsLeftForTheSenderToReport() {
    PendingCall call = new PendingCall(table, 31);
    table.add(call);

    call.cancel(false);

    assertThat(abandoned).isEmpty();
    assertThat(call.markSent()).isTrue();
    assertThat(sent(32).markSent()).isFalse();
  }
}
