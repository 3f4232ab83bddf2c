package dev.vireo.rpc;

/**
 * Sees every call a client makes, for logging, metrics, tracing or credentials, without touching
 * the services. For each call it sees exactly one {@link #onStart} and then exactly one {@link
 * #onEnd}, with the same {@link CallInfo}, whatever the outcome: refused calls, timeouts and
 * failures to encode or decode included. Must be thread-safe and quick.
 */
public interface ClientInterceptor {
  /**
   * Before the call is sent, on the caller's thread. May add to {@link CallInfo#attachments()},
   * which travel with the call; may throw an {@link RpcException} to refuse the call, which then
   * fails with it unsent (and {@link #onEnd} still follows).
   */
  default void onStart(CallInfo call) {}

  /**
   * Once the call is over, on whichever thread ended it: the caller's for blocking calls, after
   * the result was decoded; the client's I/O thread or a timer for asynchronous ones; the caller's,
   * once sent, for one-way calls.
   */
  default void onEnd(CallInfo call, CallOutcome outcome) {}
}
