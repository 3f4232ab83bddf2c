package dev.vireo.rpc;

/**
 * Sees every call a server receives, for logging, metrics, tracing or authentication. For each
 * call it sees exactly one {@link #onStart} and then exactly one {@link #onEnd}, with the same
 * {@link CallInfo}: calls refused before running (an unknown service or method, a full queue, a
 * server shutting down, a deadline that passed in the queue, a call still queued when the server
 * stopped, a request refused from its frame over the server's limits) included; for those, both
 * come on whatever thread refused the call (an I/O thread, or the one closing the server). Must
 * be thread-safe and quick.
 */
public interface ServerInterceptor {
  /**
   * Before the implementation runs, on the thread that will run it, with the caller's attachments
   * in {@link CallInfo#attachments()}. Throw an {@link RpcException} (for example {@code
   * UNAUTHENTICATED}) to refuse the call: the caller gets it, and the implementation does not
   * run. For a call the server refuses anyway, what this throws is ignored. Attachments added
   * here with {@link CallContext#withAttachments} travel with every call the implementation makes
   * from this thread until it returns (a trace context, a request id); the scope need not be
   * closed.
   */
  default void onStart(CallInfo call) {}

  /**
   * Opens a scope around the implementation, on the thread that runs it, after every interceptor
   * started the call: the runtime closes what this returns on that thread as soon as the
   * implementation returns (for a method that returns a future, once it returned the future). A
   * tracing interceptor makes its span the current one here, so that the spans the implementation
   * starts, and the libraries it uses, are its children. Null for none; what this or the scope's
   * {@code close} throws is logged, never allowed to change the call. Not called for a call
   * refused before running. {@link #onEnd} may come before the scope closes: for a method whose
   * future was already complete when it returned it, the call ends inside the scope.
   */
  default AutoCloseable enter(CallInfo call) {
    return null;
  }

  /**
   * Once the call is over: when the implementation returned or threw, or when its future
   * completed, or when the call was refused.
   */
  default void onEnd(CallInfo call, CallOutcome outcome) {}
}
