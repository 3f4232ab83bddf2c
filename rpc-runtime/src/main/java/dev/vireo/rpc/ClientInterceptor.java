package dev.vireo.rpc;

import java.util.Map;

/**
 * Sees every call a client makes, for logging, metrics, tracing or credentials, without touching
 * the services. Called on the caller's thread before sending; after the reply on whichever thread
 * completes the call. Must be thread-safe and quick.
 */
public interface ClientInterceptor {
  /**
   * Before the call is sent. May add to {@code attachments}, which travel with the call; may throw
   * an {@link RpcException} to stop the call, which then fails with it unsent.
   */
  default void beforeSend(CallInfo call, Map<String, String> attachments) {}

  /**
   * Once the call is over: {@code failure} is null if it returned normally, else what the caller
   * gets (a business exception or an {@link RpcException}). For a one-way call, once it is sent.
   */
  default void afterReply(CallInfo call, Throwable failure) {}
}
