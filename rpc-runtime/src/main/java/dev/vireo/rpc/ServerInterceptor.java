package dev.vireo.rpc;

import java.util.Map;

/**
 * Sees every call a server runs, for logging, metrics, tracing or authentication. Called on the
 * thread that runs the call. Must be thread-safe and quick.
 */
public interface ServerInterceptor {
  /**
   * Before the implementation runs, with the attachments the caller sent. Throw an {@link
   * RpcException} (for example {@code UNAUTHENTICATED}) to refuse the call: the caller gets it,
   * and the implementation does not run.
   */
  default void beforeRun(CallInfo call, Map<String, String> attachments) {}

  /**
   * Once the call is over: {@code failure} is null if the implementation returned normally, else
   * what it threw or why the call failed. For asynchronous implementations, when their future
   * completes.
   */
  default void afterRun(CallInfo call, Throwable failure) {}
}
