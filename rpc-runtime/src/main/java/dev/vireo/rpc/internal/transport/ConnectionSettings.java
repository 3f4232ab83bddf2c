package dev.vireo.rpc.internal.transport;

import java.time.Duration;

/**
 * What both ends of a TCP connection agree on, set on the server's and the client's builders.
 *
 * @param maxBodySize the largest body accepted or sent, in bytes
 * @param heartbeatInterval how long a connection may be silent before a heartbeat is sent; three
 *     intervals without reading anything and the peer is declared dead
 * @param serialization the serialization type written in frames and accepted in them
 * @param frameTimeout how long a frame may take to arrive once its first byte has, and how long
 *     the frames written to a peer may stay unread before the connection is closed
 */
public record ConnectionSettings(int maxBodySize, Duration heartbeatInterval, int serialization,
    Duration frameTimeout) {
  /** The default {@code frameTimeout}. */
  public static final Duration DEFAULT_FRAME_TIMEOUT = Duration.ofSeconds(30);

  public ConnectionSettings {
    if (frameTimeout.isNegative() || frameTimeout.isZero()) {
      throw new IllegalArgumentException("frameTimeout must be positive: " + frameTimeout);
    }
    if (maxBodySize <= 0) {
      throw new IllegalArgumentException("maxFrameSize must be positive: " + maxBodySize);
    }
    if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
      throw new IllegalArgumentException("heartbeat must be positive: " + heartbeatInterval);
    }
  }

  public long heartbeatMillis() {
    return heartbeatInterval.toMillis();
  }
}
