package dev.vireo.rpc.transport.inprocess;

import dev.vireo.rpc.transport.RequestHandler;
import dev.vireo.rpc.transport.ServerTransport;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A server reachable only from this JVM, by name. Requests still go through the real serializer;
 * only the socket is missing. For tests of services and of the framework itself.
 */
public final class InProcessServerTransport implements ServerTransport {
  private static final ConcurrentMap<String, InProcessServerTransport> SERVERS =
      new ConcurrentHashMap<>();

  private final String name;
  private volatile RequestHandler handler;

  public InProcessServerTransport(String name) {
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
    return InProcessClientTransport.ADDRESS_PREFIX + name;
  }

  @Override
  public void close() {
    SERVERS.remove(name, this);
  }

  static RequestHandler handlerOf(String name) {
    InProcessServerTransport server = SERVERS.get(name);
    return server == null ? null : server.handler;
  }
}
