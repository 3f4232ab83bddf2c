package dev.vireo.rpc.metrics.micrometer;

import dev.vireo.rpc.ClientInterceptor;
import dev.vireo.rpc.ServerInterceptor;
import io.micrometer.core.instrument.MeterRegistry;

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
}
