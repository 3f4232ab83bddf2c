package dev.vireo.rpc.internal.connector;

import dev.vireo.rpc.internal.transport.ConnectionSettings;
import dev.vireo.rpc.internal.transport.Traffic;
import dev.vireo.rpc.internal.protocol.Request;
import dev.vireo.rpc.internal.protocol.Response;
import dev.vireo.rpc.internal.channel.CallChannel;
import io.netty.bootstrap.Bootstrap;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The connector to one provider: {@code n} long-lived connections (one by default), each carrying
 * many calls; calls are spread over the connected ones in turn.
 */
public final class NettyConnector implements CallChannel {
  private final String address;
  private final ProviderConnection[] connections;
  private final AtomicInteger next = new AtomicInteger();

  NettyConnector(InetSocketAddress socketAddress, String address, int connections,
      Bootstrap bootstrap, ConnectionSettings settings, Traffic traffic, SslContext tls) {
    this.address = address;
    this.connections = new ProviderConnection[connections];
    for (int i = 0; i < connections; i++) {
      this.connections[i] =
          new ProviderConnection(socketAddress, bootstrap, settings, traffic, tls);
      this.connections[i].connect();
    }
  }

  @Override
  public CompletableFuture<Response> send(Request request) {
    return pick().send(request);
  }

  private ProviderConnection pick() {
    int start = next.getAndIncrement();
    if (connections.length == 1) {
      return connections[0];
    }
    for (int i = 0; i < connections.length; i++) {
      ProviderConnection candidate = connections[Math.floorMod(start + i, connections.length)];
      if (candidate.isConnected()) {
        return candidate;
      }
    }
    return connections[Math.floorMod(start, connections.length)];
  }

  @Override
  public boolean isReady() {
    for (ProviderConnection connection : connections) {
      if (connection.isConnected()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean isConnecting() {
    for (ProviderConnection connection : connections) {
      if (connection.isConnecting()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String address() {
    return address;
  }

  @Override
  public void retire() {
    for (ProviderConnection connection : connections) {
      connection.retire();
    }
  }

  @Override
  public void close() {
    for (ProviderConnection connection : connections) {
      connection.close();
    }
  }
}
