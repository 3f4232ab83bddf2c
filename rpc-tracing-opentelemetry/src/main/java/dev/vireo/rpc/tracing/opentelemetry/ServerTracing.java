package dev.vireo.rpc.tracing.opentelemetry;

import dev.vireo.rpc.CallContext;
import dev.vireo.rpc.CallInfo;
import dev.vireo.rpc.CallOutcome;
import dev.vireo.rpc.ServerInterceptor;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.HashMap;
import java.util.Map;

/**
 * A server span per call, child of the caller's span. Its context is added to the attachments of
 * the calls the implementation makes while it runs, so they join the trace.
 */
final class ServerTracing implements ServerInterceptor {
  private final Tracer tracer;

  ServerTracing(Tracer tracer) {
    this.tracer = tracer;
  }

  @Override
  public void onStart(CallInfo call) {
    Context parent = Spans.extract(call.attachments());
    Span span = Spans.describe(tracer.spanBuilder(Spans.name(call)), call)
        .setParent(parent)
        .setSpanKind(SpanKind.SERVER)
        .startSpan();
    call.put(Spans.SPAN, span);
    Map<String, String> context = new HashMap<>();
    Spans.W3C.inject(parent.with(span), context, Map::put);
    // Closed by the runtime when the implementation returns.
    CallContext.withAttachments(context);
  }

  @Override
  public void onEnd(CallInfo call, CallOutcome outcome) {
    Spans.end(call, outcome);
  }
}
