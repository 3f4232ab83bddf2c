package dev.vireo.rpc.internal.acceptor;

/**
 * What one server lets its clients make it hold, set on the server's builder.
 *
 * @param maxConnections connections open at once; one more is closed as soon as it is accepted
 * @param maxCallsPerConnection calls accepted on one connection and not yet answered
 * @param maxBytesInFlight request bytes held by the calls accepted and not yet answered, all
 *     connections together; one connection may hold a quarter of it, or one frame if more
 */
public record ServerLimits(int maxConnections, int maxCallsPerConnection, long maxBytesInFlight) {
  public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
  public static final int DEFAULT_MAX_CALLS_PER_CONNECTION = 1_000;

  public ServerLimits {
    if (maxConnections <= 0 || maxCallsPerConnection <= 0 || maxBytesInFlight <= 0) {
      throw new IllegalArgumentException("limits must be positive: " + maxConnections + ", "
          + maxCallsPerConnection + ", " + maxBytesInFlight);
    }
  }

  /** 256 MiB, or a quarter of the heap if that is less. */
  public static long defaultMaxBytesInFlight() {
    return Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 4);
  }

  /** The request bytes one connection may hold: its share, and never less than one frame. */
  long maxBytesPerConnection(int maxFrameSize) {
    return Math.max(maxFrameSize, maxBytesInFlight / 4);
  }
}
