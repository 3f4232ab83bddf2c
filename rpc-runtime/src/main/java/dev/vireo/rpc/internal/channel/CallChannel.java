package dev.vireo.rpc.internal.channel;

import dev.vireo.rpc.internal.protocol.Request;
import dev.vireo.rpc.internal.protocol.Response;
import java.util.concurrent.CompletableFuture;

/** Carries requests to one provider and brings their replies back. Thread-safe. */
public interface CallChannel extends AutoCloseable {
  /**
   * Sends {@code request}, taking over its body. The future completes with the reply, which the
   * completer of the future owns; or, for a one-way request, with null once the request is handed
   * off. It fails with an {@code RpcException} when the request could not be delivered. A caller
   * that gives up completes the future itself; a reply arriving after that is released.
   */
  CompletableFuture<Response> send(Request request);

  /** Whether a call sent now would go out at once (the provider is connected). */
  default boolean isReady() {
    return true;
  }

  /** Whether a connection to the provider is being made, so a call would wait for it. */
  default boolean isConnecting() {
    return false;
  }

  /** Where the provider is, for messages: {@code 127.0.0.1:8080}, {@code in-process:name}. */
  String address();

  /**
   * Takes no new calls, lets those in flight get their replies, then frees the channel: for a
   * provider that is no longer wanted, whose calls must not be cut short.
   */
  default void retire() {
    close();
  }

  /** Fails every call still waiting with {@code CANCELLED} and frees the transport. */
  @Override
  void close();
}
