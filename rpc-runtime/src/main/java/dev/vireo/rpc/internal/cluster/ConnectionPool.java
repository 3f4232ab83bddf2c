package dev.vireo.rpc.internal.cluster;

import dev.vireo.rpc.internal.channel.CallChannel;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * One client's channels by provider address, shared by every service that provider serves: a
 * channel opens when the first service needs it and closes when the last one lets go.
 */
public final class ConnectionPool implements AutoCloseable {
  private final BiFunction<String, Integer, CallChannel> opener;
  private final Map<String, Shared> channels = new HashMap<>();
  private boolean closed;

  /** {@code opener} makes a channel to a host and port. */
  public ConnectionPool(BiFunction<String, Integer, CallChannel> opener) {
    this.opener = opener;
  }

  /** The channel to {@code host:port}, opened if no service holds it yet. */
  public synchronized CallChannel acquire(String host, int port) {
    if (closed) {
      throw new IllegalStateException("the client is closed");
    }
    Shared shared = channels.computeIfAbsent(key(host, port),
        k -> new Shared(opener.apply(host, port)));
    shared.users++;
    return shared.channel;
  }

  /**
   * Gives back what {@link #acquire} gave; when the last service lets go, the channel is retired:
   * its calls in flight still get their replies.
   */
  public synchronized void release(String host, int port) {
    String key = key(host, port);
    Shared shared = channels.get(key);
    if (shared != null && --shared.users == 0) {
      channels.remove(key);
      shared.channel.retire();
    }
  }

  /** Whether {@link #close} was called: nothing can be acquired any more. */
  public synchronized boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    Map<String, Shared> open;
    synchronized (this) {
      closed = true;
      open = new HashMap<>(channels);
      channels.clear();
    }
    open.values().forEach(shared -> shared.channel.close());
  }

  private static String key(String host, int port) {
    return host + ":" + port;
  }

  private static final class Shared {
    final CallChannel channel;
    int users;

    Shared(CallChannel channel) {
      this.channel = channel;
    }
  }
}
