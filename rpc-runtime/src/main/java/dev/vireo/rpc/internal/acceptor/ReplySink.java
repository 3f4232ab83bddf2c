package dev.vireo.rpc.internal.acceptor;

import dev.vireo.rpc.internal.protocol.Response;
import java.net.SocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;

/** Where the reply to one request goes. Callable from any thread. */
@FunctionalInterface
public interface ReplySink {
  /** Sends {@code response}, taking over its body. */
  void reply(Response response);

  /** The address of the client that sent the request; null in process. */
  default SocketAddress peer() {
    return null;
  }

  /** The client's verified certificate chain under mutual TLS; empty otherwise. */
  default List<X509Certificate> peerCertificates() {
    return List.of();
  }
}
