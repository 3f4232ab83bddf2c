package dev.vireo.rpc.internal.acceptor;

import dev.vireo.rpc.internal.protocol.Frames;
import dev.vireo.rpc.internal.transport.ConnectionSettings;
import dev.vireo.rpc.internal.transport.EventLoops;
import dev.vireo.rpc.internal.transport.HeartbeatHandler;
import dev.vireo.rpc.internal.transport.Traffic;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The acceptor: a TCP server on Netty (epoll where available), one boss thread accepting and
 * {@code ioThreads} workers reading frames and writing replies. Calls run on these threads when a
 * service is exported {@code direct}, and when a method of the default export has proved short
 * ({@code MethodPlacement}).
 */
public final class NettyAcceptor implements Acceptor {
  private static final Logger log = LoggerFactory.getLogger(NettyAcceptor.class);

  /** How long closing waits for connections to write what they have queued. */
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
  /** How long stopping waits for each I/O thread to register the connections accepted so far. */
  private static final Duration REGISTER_TIMEOUT = Duration.ofSeconds(1);
  /** How long closing waits for the threads to stop, once their connections are closed. */
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(3);

  private final String host;
  private final int port;
  private final int ioThreads;
  private final ConnectionSettings settings;
  private final ServerLimits limits;
  private final BytesInFlight bytesInFlight;
  /** Null for plain TCP. */
  private final SslContext tls;
  private final Map<ServerConnection, Channel> connections = new ConcurrentHashMap<>();
  private volatile boolean goneAway;
  private final AtomicLong lastRefusalLogged =
      new AtomicLong(System.nanoTime() - TimeUnit.MINUTES.toNanos(2));
  private final Traffic traffic = new Traffic();
  private EventLoopGroup boss;
  private EventLoopGroup workers;
  private Channel listener;
  private InetSocketAddress bound;

  /**
   * @param host the address to bind, or null for every interface
   * @param port the port, or 0 for any free one
   * @param tls the TLS context, or null for plain TCP
   */
  public NettyAcceptor(String host, int port, int ioThreads, ConnectionSettings settings,
      ServerLimits limits, SslContext tls) {
    this.limits = limits;
    this.bytesInFlight = new BytesInFlight(limits.maxBytesInFlight());
    this.tls = tls;
    this.host = host;
    this.port = port;
    this.ioThreads = ioThreads;
    this.settings = settings;
  }

  @Override
  public void start(RequestHandler handler) {
    boss = EventLoops.newGroup(1, "vireo-accept");
    workers = EventLoops.newGroup(ioThreads, "vireo-server-io");
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(boss, workers)
        .channel(EventLoops.serverSocketChannel())
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.SO_KEEPALIVE, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel channel) {
            if (connections.size() >= limits.maxConnections()) {
              refuseConnection(channel);
              return;
            }
            ServerConnection connection =
                new ServerConnection(handler, settings, limits, bytesInFlight);
            channel.pipeline().addLast(traffic);
            if (tls != null) {
              channel.pipeline().addLast(tls.newHandler(channel.alloc()));
            }
            channel.pipeline().addLast(connection.newDecoder(),
                HeartbeatHandler.every(settings.heartbeatMillis()), connection);
            connections.put(connection, channel);
            channel.closeFuture().addListener(closed -> connections.remove(connection));
          }
        });
    InetSocketAddress address =
        host == null ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    try {
      listener = bootstrap.bind(address).syncUninterruptibly().channel();
    } catch (RuntimeException e) {
      shutDownGroups();
      throw new IllegalStateException("could not listen on " + address + ": " + e.getMessage(), e);
    }
    bound = (InetSocketAddress) listener.localAddress();
    log.debug("listening on {} with {}", bound, EventLoops.kind());
  }

  /** Closes a connection over the limit at once, saying so at most once a minute. */
  private void refuseConnection(SocketChannel channel) {
    channel.close();
    long now = System.nanoTime();
    long last = lastRefusalLogged.get();
    if (now - last > TimeUnit.MINUTES.toNanos(1) && lastRefusalLogged.compareAndSet(last, now)) {
      log.warn("Vireo: refusing connections: {} are open, the most this server accepts"
          + " (maxConnections); the latest from {}", limits.maxConnections(),
          channel.remoteAddress());
    }
  }

  /** The connections' counts: open, bytes in and out. */
  public Traffic traffic() {
    return traffic;
  }

  /** The bound port: the one asked for, or the one chosen for port 0. */
  public int port() {
    if (bound == null) {
      throw new IllegalStateException("the server is not started");
    }
    return bound.getPort();
  }

  @Override
  public String address() {
    if (bound == null) {
      return (host == null ? "*" : host) + ":" + port;
    }
    return bound.getAddress().getHostAddress() + ":" + bound.getPort();
  }

  /**
   * Closes the listening socket and stops the acceptor, then lets every worker finish registering
   * the connections accepted so far, so that {@link #close()} sees all of them: a connection
   * accepted just before the acceptor stopped must not be left open with nobody to serve it.
   */
  @Override
  public void stopAccepting() {
    if (listener == null || !listener.isOpen()) {
      return;
    }
    listener.close().syncUninterruptibly();
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    for (EventExecutor worker : workers) {
      if (!worker.submit(() -> { }).awaitUninterruptibly(REGISTER_TIMEOUT.toMillis())) {
        log.warn("Vireo server at {}: an I/O thread is still busy after {} ms (a call running on"
            + " it?); closing without waiting for it", address(), REGISTER_TIMEOUT.toMillis());
      }
    }
  }

  @Override
  public void goAway() {
    goneAway = true;
    for (ServerConnection connection : connections.keySet()) {
      connection.writes().enqueue(Frames.goAway(ByteBufAllocator.DEFAULT));
    }
  }

  /**
   * Stops accepting, gives clients that were told to go away up to {@link #CLOSE_TIMEOUT} to close
   * their connections after their last reply (so that no request of theirs is on the wire when
   * the connection drops), then closes the rest once what they have queued is written.
   */
  @Override
  public void close() {
    stopAccepting();
    long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
    if (goneAway) {
      for (Channel open : connections.values()) {
        open.closeFuture().awaitUninterruptibly(
            Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    }
    List<ChannelFuture> closing = new ArrayList<>();
    for (ServerConnection connection : connections.keySet()) {
      closing.add(connection.writes().closeAfterWrites());
    }
    for (ChannelFuture closed : closing) {
      closed.awaitUninterruptibly(Math.max(0, deadline - System.nanoTime()),
          TimeUnit.NANOSECONDS);
    }
    shutDownGroups();
  }

  /** Stops the threads; one a call still holds (it never ends, say) is left running. */
  private void shutDownGroups() {
    for (EventLoopGroup group : new EventLoopGroup[] {boss, workers}) {
      if (group != null && !group.shutdownGracefully(0, 2, TimeUnit.SECONDS)
          .awaitUninterruptibly(STOP_TIMEOUT.toMillis())) {
        log.warn("Vireo server: its I/O threads did not all stop within {} ms (a call still"
            + " running on one?); leaving them", STOP_TIMEOUT.toMillis());
      }
    }
  }
}
