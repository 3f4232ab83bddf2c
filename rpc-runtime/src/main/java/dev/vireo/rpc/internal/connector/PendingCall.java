package dev.vireo.rpc.internal.connector;

import dev.vireo.rpc.internal.protocol.Response;
import java.util.concurrent.CompletableFuture;

/**
 * A call sent on a connection and waiting for its reply. Failing it by any route (the caller's
 * timeout, cancellation, a lost connection) also takes it out of the connection's {@link
 * PendingCalls}, without a completion callback per call; a call taken out that way, and not by
 * its reply or its connection's end, was abandoned by its caller, and the table says so.
 */
final class PendingCall extends CompletableFuture<Response> {
  private final PendingCalls table;
  private final long id;

  PendingCall(PendingCalls table, long id) {
    this.table = table;
    this.id = id;
  }

  long id() {
    return id;
  }

  @Override
  public boolean completeExceptionally(Throwable failure) {
    return leaveTableIf(super.completeExceptionally(failure));
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    return leaveTableIf(super.cancel(mayInterruptIfRunning));
  }

  private boolean leaveTableIf(boolean failedNow) {
    if (failedNow && table.remove(this)) {
      table.abandoned(id);
    }
    return failedNow;
  }
}
