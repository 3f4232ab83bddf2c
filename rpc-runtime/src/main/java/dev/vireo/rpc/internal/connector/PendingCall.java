package dev.vireo.rpc.internal.connector;

import dev.vireo.rpc.internal.channel.ReplyFuture;

/**
 * A call sent on a connection and waiting for its reply. Failing it by any route (the caller's
 * timeout, cancellation, a lost connection) also takes it out of the connection's {@link
 * PendingCalls}, without a completion callback per call; a call taken out that way, and not by
 * its reply or its connection's end, was abandoned by its caller, and the table says so.
 */
final class PendingCall extends ReplyFuture {
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
   * to the table. Returns whether the call already left the table, its caller having given up:
   * the sender then reports it itself, so that the cancel follows the request. (Each side
   * changes what the other reads before reading what the other changes, so at least one of them
   * reports it; twice does no harm.)
   */
  boolean markSent() {
    sent = true;
    return !table.contains(this);
  }

  @Override
  public boolean completeExceptionally(Throwable failure) {
    leaveTable();
    return super.completeExceptionally(failure);
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    leaveTable();
    return super.cancel(mayInterruptIfRunning);
  }

  /**
   * Leaves the table before the failure completes the call, so that whoever the completion wakes
   * finds the call gone, and a reply arriving now is dropped.
   */
  private void leaveTable() {
    if (!isDone() && table.remove(this) && sent) {
      table.abandoned(id);
    }
  }
}
