package dev.vireo.rpc.internal.inprocess;

import dev.vireo.rpc.internal.acceptor.RequestHandler;
import dev.vireo.rpc.internal.acceptor.Acceptor;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A server reachable only from this JVM, by name. Requests still go through the real serializer;
 * only the socket is missing. For tests of services and of the framework itself.
 */
public final class InProcessAcceptor implements Acceptor {
  private static final ConcurrentMap<String, InProcessAcceptor> SERVERS =
      new ConcurrentHashMap<>();

  private final String name;
  private volatile RequestHandler handler;

  public InProcessAcceptor(String name) {
    this.name = Objects.requireNonNull(name, "name");
  }

  @Override
  public void start(RequestHandler handler) {
    this.handler = Objects.requireNonNull(handler, "handler");
    if (SERVERS.putIfAbsent(name, this) != null) {
      throw new IllegalStateException("an in-process server named '" + name + "' is running");
    }
  }

  @Override
  public String address() {
    return InProcessChannel.ADDRESS_PREFIX + name;
  }

  @Override
  public void close() {
    SERVERS.remove(name, this);
  }

  static RequestHandler handlerOf(String name) {
    InProcessAcceptor server = SERVERS.get(name);
    return server == null ? null : server.handler;
  }
}
