package dev.vireo.rpc.internal.connector;

import dev.vireo.rpc.internal.transport.ConnectionSettings;
import dev.vireo.rpc.internal.transport.EventLoops;
import dev.vireo.rpc.internal.transport.Traffic;
import io.netty.bootstrap.Bootstrap;
import io.netty.handler.ssl.SslContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * What a client's connections share: the event loop threads and how to open a socket. Owned by
 * one {@code RpcClient}, closed with it.
 */
public final class ClientResources implements AutoCloseable {
  private final EventLoopGroup group;
  private final Bootstrap bootstrap;
  private final ConnectionSettings settings;
  private final Traffic traffic = new Traffic();
  private final SslContext tls;

  /** {@code tls} is null for plain TCP. */
  public ClientResources(int ioThreads, Duration connectTimeout, ConnectionSettings settings,
      SslContext tls) {
    this.tls = tls;
    this.group = EventLoops.newGroup(ioThreads, "vireo-client-io");
    this.settings = settings;
    this.bootstrap = new Bootstrap()
        .group(group)
        .channel(EventLoops.socketChannel())
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.SO_KEEPALIVE, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis());
  }

  /** A transport to the provider at {@code host:port}, over {@code connections} sockets. */
  public NettyConnector transportTo(String host, int port, int connections) {
    return new NettyConnector(InetSocketAddress.createUnresolved(host, port), host + ":"
        + port, connections, bootstrap, settings, traffic, tls);
  }

  /** The client's connections' counts: open, bytes in and out. */
  public Traffic traffic() {
    return traffic;
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
