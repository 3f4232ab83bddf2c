package dev.vireo.rpc.internal.acceptor;

import dev.vireo.rpc.RpcException;
import dev.vireo.rpc.internal.protocol.Request;
import java.net.SocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;

/** What a server transport hands each incoming request to. */
@FunctionalInterface
public interface RequestHandler {
  /**
   * Takes over {@code request} (and its body). Must not block: the handler decides where the call
   * runs. Exactly one response goes to {@code replies} unless the request is one-way.
   */
  void handle(Request request, ReplySink replies);

  /**
   * Hears of a request the transport refused itself, before it could be read or handed over
   * (too large, malformed, over a connection's or the server's limits), and answered with {@code
   * refusal} unless it is one-way: no service or method is known to name it.
   */
  default void refusedUnread(boolean oneway, RpcException refusal, SocketAddress peer,
      List<X509Certificate> peerCertificates) {}
}
