package dev.vireo.rpc.metrics.micrometer;

import dev.vireo.rpc.ClientInterceptor;
import dev.vireo.rpc.ConnectionStats;
import dev.vireo.rpc.RpcClient;
import dev.vireo.rpc.RpcServer;
import dev.vireo.rpc.ServerInterceptor;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;

/**
 * Micrometer metrics for every call, as interceptors:
 *
 * <pre>{@code
 * RpcServer.builder().intercept(VireoMetrics.server(meterRegistry))
 * RpcClient.builder().intercept(VireoMetrics.client(meterRegistry))
 * }</pre>
 *
 * <p>Each side records, tagged {@code service} and {@code method} (its signature):
 *
 * <ul>
 *   <li>{@code rpc.client.duration} / {@code rpc.server.duration}, a timer of every call from its
 *       start to its end, also tagged {@code status}: {@code OK}, {@code APPLICATION_ERROR} when
 *       the implementation threw, or the {@code RpcStatus} name; with a percentile histogram, so
 *       a backend can compute percentiles across instances. Its count is the calls finished;
 *   <li>{@code rpc.client.calls.started} / {@code rpc.server.calls.started}, a counter;
 *   <li>{@code rpc.client.calls.active} / {@code rpc.server.calls.active}, a gauge of the calls
 *       started and not finished.
 * </ul>
 *
 * <p>The names follow OpenTelemetry's RPC conventions ({@code rpc.client.duration}), the tags the
 * names Vireo's API uses. Calls refused before running are measured too: an {@code OVERLOADED}
 * status counts rejections by a full queue.
 *
 * <p>{@link #monitor(RpcServer, MeterRegistry)} and {@link #monitor(RpcClient, MeterRegistry)}
 * add what no single call shows: {@code rpc.server.connections} / {@code rpc.client.connections}
 * (open), {@code rpc.*.bytes.received} and {@code rpc.*.bytes.sent} (counters), and {@code
 * rpc.server.calls.queued} (calls waiting in the server's pools).
 */
public final class VireoMetrics {
  private VireoMetrics() {}

  /** Measures the calls a client makes. */
  public static ClientInterceptor client(MeterRegistry registry) {
    return new CallMetrics(registry, "rpc.client");
  }

  /** Measures the calls a server receives. */
  public static ServerInterceptor server(MeterRegistry registry) {
    return new CallMetrics(registry, "rpc.server");
  }

  /** Publishes a server's connections, traffic and queued calls. */
  public static void monitor(RpcServer server, MeterRegistry registry) {
    monitor(server, registry, Tags.empty());
  }

  /**
   * Publishes a server's connections, traffic and queued calls, tagged {@code tags}: several
   * servers on one registry need tags that tell them apart (a registry keeps the first meter of a
   * name and tags).
   */
  public static void monitor(RpcServer server, MeterRegistry registry, Iterable<Tag> tags) {
    connections(server.connectionStats(), registry, "rpc.server", tags);
    Gauge.builder("rpc.server.calls.queued", server, RpcServer::queuedCalls)
        .description("Calls waiting in the server's pools")
        .tags(tags)
        .register(registry);
  }

  /** Publishes a client's connections and traffic. */
  public static void monitor(RpcClient client, MeterRegistry registry) {
    monitor(client, registry, Tags.empty());
  }

  /** Publishes a client's connections and traffic, tagged {@code tags}, as for a server. */
  public static void monitor(RpcClient client, MeterRegistry registry, Iterable<Tag> tags) {
    connections(client.connectionStats(), registry, "rpc.client", tags);
  }

  private static void connections(ConnectionStats stats, MeterRegistry registry, String prefix,
      Iterable<Tag> tags) {
    Gauge.builder(prefix + ".connections", stats, ConnectionStats::openConnections)
        .description("Connections open").tags(tags).register(registry);
    FunctionCounter.builder(prefix + ".bytes.received", stats, ConnectionStats::bytesReceived)
        .description("Bytes read from connections").baseUnit("bytes").tags(tags)
        .register(registry);
    FunctionCounter.builder(prefix + ".bytes.sent", stats, ConnectionStats::bytesSent)
        .description("Bytes written to connections").baseUnit("bytes").tags(tags)
        .register(registry);
  }
}
