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
 * A server span per call, child of the caller's span. While the implementation runs its span is
 * the current one, so that the spans it starts (and those of the libraries it uses) are children
 * of it; and its context is added to the attachments of the calls the implementation makes, so
 * they join the trace.
 */
final class ServerTracing implements ServerInterceptor {
  /** The caller's context with the call's span, made current while the implementation runs. */
  private static final CallInfo.Key<Context> CONTEXT =
      CallInfo.Key.named("opentelemetry-server-context");

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
    Context current = parent.with(span);
    call.put(Spans.SPAN, span);
    call.put(CONTEXT, current);
    Map<String, String> attachments = new HashMap<>();
    Spans.W3C.inject(current, attachments, Map::put);
    // Closed by the runtime when the implementation returns.
    CallContext.withAttachments(attachments);
  }

  @Override
  public AutoCloseable enter(CallInfo call) {
    Context context = call.get(CONTEXT);
    return context == null ? null : context.makeCurrent();
  }

  @Override
  public void onEnd(CallInfo call, CallOutcome outcome) {
    Spans.end(call, outcome);
  }
}
