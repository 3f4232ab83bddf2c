package dev.vireo.rpc.internal.acceptor;

import dev.vireo.rpc.internal.protocol.Response;
import java.net.SocketAddress;

/** Where the reply to one request goes. Callable from any thread. */
@FunctionalInterface
public interface ReplySink {
  /** Sends {@code response}, taking over its body. */
  void reply(Response response);

  /** The address of the client that sent the request; null in process. */
  default SocketAddress peer() {
    return null;
  }
}
