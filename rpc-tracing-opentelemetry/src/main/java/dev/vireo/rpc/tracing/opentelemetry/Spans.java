package dev.vireo.rpc.tracing.opentelemetry;

import dev.vireo.rpc.CallInfo;
import dev.vireo.rpc.CallOutcome;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;

/** What both sides do with a span: name it, describe the call on it, end it with the outcome. */
final class Spans {
  static final CallInfo.Key<Span> SPAN = CallInfo.Key.named("opentelemetry-span");
  static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

  /** Reads W3C headers out of a call's attachments. */
  static final TextMapGetter<Map<String, String>> ATTACHMENTS = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(Map<String, String> carrier) {
      return carrier.keySet();
    }

    @Override
    public String get(Map<String, String> carrier, String key) {
      return carrier == null ? null : carrier.get(key);
    }
  };

  private Spans() {}

  static String name(CallInfo call) {
    int paren = call.method().indexOf('(');
    return call.service() + "/" + (paren > 0 ? call.method().substring(0, paren) : call.method());
  }

  static SpanBuilder describe(SpanBuilder span, CallInfo call) {
    return span.setAttribute("rpc.system", "vireo")
        .setAttribute("rpc.service", call.service())
        .setAttribute("rpc.method", call.method());
  }

  /** The trace context the attachments carry, as a parent; the root context if none. */
  static Context extract(Map<String, String> attachments) {
    return W3C.extract(Context.root(), attachments, ATTACHMENTS);
  }

  static void end(CallInfo call, CallOutcome outcome) {
    Span span = call.get(SPAN);
    if (span == null) {
      return;
    }
    SocketAddress peer = call.peerAddress();
    if (peer instanceof InetSocketAddress address) {
      span.setAttribute("network.peer.address", address.getHostString());
      span.setAttribute("network.peer.port", address.getPort());
    }
    span.setAttribute("rpc.vireo.status", outcome.statusName());
    if (!outcome.isOk()) {
      span.recordException(outcome.failure());
      span.setStatus(StatusCode.ERROR, outcome.statusName());
    }
    span.end();
  }
}
