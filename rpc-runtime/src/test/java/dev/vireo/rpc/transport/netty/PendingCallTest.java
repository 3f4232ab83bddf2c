package dev.vireo.rpc.transport.netty;

import static com.google.common.truth.Truth.assertThat;

import dev.vireo.rpc.protocol.Response;
import io.netty.buffer.Unpooled;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** A pending call leaves its connection's table however it fails, and only then. */
class PendingCallTest {
  private final ConcurrentHashMap<Long, PendingCall> table = new ConcurrentHashMap<>();

  private PendingCall sent(long id) {
    PendingCall call = new PendingCall(table, id);
    table.put(id, call);
    return call;
  }

  @Test
  void aFailedCallLeavesTheTable() {
    PendingCall call = sent(1);
    call.completeExceptionally(new IllegalStateException("lost"));
    assertThat(table).doesNotContainKey(1L);
  }

  @Test
  void aCancelledCallLeavesTheTable() {
    sent(2).cancel(false);
    assertThat(table).doesNotContainKey(2L);
  }

  @Test
  void aCallThatTimesOutLeavesTheTable() throws Exception {
    PendingCall call = sent(3);
    call.orTimeout(1, TimeUnit.MILLISECONDS);
    Throwable failure = call.handle((response, f) -> f).get(10, TimeUnit.SECONDS);
    assertThat(failure).isInstanceOf(TimeoutException.class);
    assertThat(table).doesNotContainKey(3L);
  }

  @Test
  void failingACallAlreadyAnsweredLeavesTheTableAlone() {
    PendingCall answered = sent(4);
    answered.complete(new Response(0, Unpooled.EMPTY_BUFFER));
    PendingCall successor = sent(4);
    answered.completeExceptionally(new IllegalStateException("too late"));
    assertThat(table).containsEntry(4L, successor);
  }
}
