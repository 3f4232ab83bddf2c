package dev.vireo.rpc.transport;

import dev.vireo.rpc.protocol.Response;

/** Where the reply to one request goes. Callable from any thread. */
@FunctionalInterface
public interface ReplySink {
  /** Sends {@code response}, taking over its body. */
  void reply(Response response);
}
