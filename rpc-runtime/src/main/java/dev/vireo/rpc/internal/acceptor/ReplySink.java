package dev.vireo.rpc.internal.acceptor;

import dev.vireo.rpc.internal.protocol.Response;

/** Where the reply to one request goes. Callable from any thread. */
@FunctionalInterface
public interface ReplySink {
  /** Sends {@code response}, taking over its body. */
  void reply(Response response);
}
