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
  /** Whether its request is queued for the wire; a cancel must never overtake it. */
  private volatile boolean sent;

  PendingCall(PendingCalls table, long id) {
    this.table = table;
    this.id = id;
  }

  long id() {
    return id;
  }

  /**
   * Records that the request is queued for the wire, after which a caller giving up is reported
   * to the table. Returns whether the caller already gave up: the sender then reports it itself,
   * so that the cancel follows the request. (Each side writes its flag before reading the
   * other's, so at least one of them reports it; twice does no harm.)
   */
  boolean markSent() {
    sent = true;
    return isCompletedExceptionally();
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
    if (failedNow && table.remove(this) && sent) {
      table.abandoned(id);
    }
    return failedNow;
  }
}
