package dev.vireo.rpc.tracing.opentelemetry;

import dev.vireo.rpc.CallInfo;
import dev.vireo.rpc.CallOutcome;
import dev.vireo.rpc.ClientInterceptor;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.Map;

/** A client span per call, its context sent along in the attachments. */
final class ClientTracing implements ClientInterceptor {
  private final Tracer tracer;

  ClientTracing(Tracer tracer) {
    this.tracer = tracer;
  }

  @Override
  public void onStart(CallInfo call) {
    Map<String, String> attachments = call.attachments();
    Context parent = Span.current().getSpanContext().isValid()
        ? Context.current()
        : Spans.extract(attachments); // inside an implementation: the server span
    Span span = Spans.describe(tracer.spanBuilder(Spans.name(call)), call)
        .setParent(parent)
        .setSpanKind(SpanKind.CLIENT)
        .startSpan();
    call.put(Spans.SPAN, span);
    Spans.W3C.inject(parent.with(span), attachments, Map::put);
  }

  @Override
  public void onEnd(CallInfo call, CallOutcome outcome) {
    Spans.end(call, outcome);
  }
}
