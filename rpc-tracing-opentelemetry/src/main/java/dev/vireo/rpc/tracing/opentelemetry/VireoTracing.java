package dev.vireo.rpc.tracing.opentelemetry;

import dev.vireo.rpc.ClientInterceptor;
import dev.vireo.rpc.ServerInterceptor;
import io.opentelemetry.api.OpenTelemetry;

/**
 * OpenTelemetry tracing for every call, as interceptors:
 *
 * <pre>{@code
 * RpcClient.builder().intercept(VireoTracing.client(openTelemetry))
 * RpcServer.builder().intercept(VireoTracing.server(openTelemetry))
 * }</pre>
 *
 * <p>A client span ({@code SpanKind.CLIENT}) and a server span ({@code SpanKind.SERVER}) per call,
 * named {@code service/method} and carrying OpenTelemetry's RPC attributes ({@code rpc.system},
 * {@code rpc.service}, {@code rpc.method}, the peer's {@code network.peer.address} and {@code
 * network.peer.port}) and {@code rpc.vireo.status}. A call that failed, business exceptions
 * included, ends its span with status {@code ERROR} and the exception recorded.
 *
 * <p>The trace context travels in the call's attachments as W3C {@code traceparent} (and {@code
 * tracestate}). A client span's parent is the current OpenTelemetry span, or else, inside an
 * implementation, the server span of the call being served: calls an implementation makes join
 * its trace.
 */
public final class VireoTracing {
  static final String INSTRUMENTATION = "dev.vireo.rpc";

  private VireoTracing() {}

  /** Traces the calls a client makes. */
  public static ClientInterceptor client(OpenTelemetry openTelemetry) {
    return new ClientTracing(openTelemetry.getTracer(INSTRUMENTATION));
  }

  /** Traces the calls a server receives. */
  public static ServerInterceptor server(OpenTelemetry openTelemetry) {
    return new ServerTracing(openTelemetry.getTracer(INSTRUMENTATION));
  }
}
