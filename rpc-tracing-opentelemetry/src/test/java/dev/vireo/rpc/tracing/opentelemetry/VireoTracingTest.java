package dev.vireo.rpc.tracing.opentelemetry;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vireo.rpc.RpcClient;
import dev.vireo.rpc.RpcServer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Spans of calls across a client, a server that calls a second server, and that server. */
class VireoTracingTest {
  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
      .addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
  private final OpenTelemetry openTelemetry =
      OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).build();

  @AfterEach
  void stop() {
    tracerProvider.close();
  }

  @Test
  void oneTraceFollowsACallThroughTwoServers() {
    try (RpcServer last = server("tracing-last", text -> "last saw " + text);
        RpcClient toLast = client("tracing-last");
        RpcServer middle = server("tracing-middle",
            text -> "middle passed on: " + toLast.refer(Relay.class).relay(text));
        RpcClient caller = client("tracing-middle")) {

      assertThat(caller.refer(Relay.class).relay("hi")).isEqualTo("middle passed on: last saw hi");
    }

    List<SpanData> finished = spans.getFinishedSpanItems();
    assertThat(finished).hasSize(4);
    assertThat(finished.stream().map(SpanData::getTraceId).distinct().count()).isEqualTo(1);
    Map<SpanKind, List<SpanData>> byKind =
        finished.stream().collect(Collectors.groupingBy(SpanData::getKind));
    List<SpanData> clients = byKind.get(SpanKind.CLIENT);
    List<SpanData> servers = byKind.get(SpanKind.SERVER);
    assertThat(clients).hasSize(2);
    assertThat(servers).hasSize(2);
    Map<String, SpanData> byId =
        finished.stream().collect(Collectors.toMap(SpanData::getSpanId, Function.identity()));
    SpanData root = clients.stream().filter(s -> !s.getParentSpanContext().isValid())
        .findFirst().orElseThrow();
    SpanData middleServer = child(servers, root);
    SpanData middleClient = child(clients, middleServer);
    SpanData lastServer = child(servers, middleClient);
    assertThat(byId.keySet()).containsExactly(root.getSpanId(), middleServer.getSpanId(),
        middleClient.getSpanId(), lastServer.getSpanId());
    assertThat(root.getName()).isEqualTo("test.Relay/relay");
    assertThat(root.getAttributes().asMap().toString()).contains("rpc.system=vireo");
    assertThat(root.getAttributes().asMap().toString())
        .contains("rpc.method=relay(java.lang.String)");
    assertThat(lastServer.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void spansTheImplementationStartsAndTheCallsItMakesInsideThemJoinTheCallersTrace() {
    Tracer tracer = openTelemetry.getTracer("the implementation");
    try (RpcServer last = server("tracing-inner-last", text -> "last saw " + text);
        RpcClient toLast = client("tracing-inner-last");
        RpcServer middle = server("tracing-inner-middle", text -> {
          Span work = tracer.spanBuilder("own work").startSpan();
          try (Scope inside = work.makeCurrent()) {
            return toLast.refer(Relay.class).relay(text);
          } finally {
            work.end();
          }
        });
        RpcClient caller = client("tracing-inner-middle")) {

      assertThat(caller.refer(Relay.class).relay("hi")).isEqualTo("last saw hi");
    }

    List<SpanData> finished = spans.getFinishedSpanItems();
    assertThat(finished).hasSize(5);
    assertThat(finished.stream().map(SpanData::getTraceId).distinct().count()).isEqualTo(1);
    List<SpanData> servers = finished.stream().filter(s -> s.getKind() == SpanKind.SERVER)
        .toList();
    SpanData root = finished.stream().filter(s -> !s.getParentSpanContext().isValid())
        .findFirst().orElseThrow();
    SpanData middleServer = child(servers, root);
    SpanData ownWork = child(finished, middleServer);
    assertThat(ownWork.getName()).isEqualTo("own work");
    SpanData middleClient = child(finished, ownWork);
    assertThat(middleClient.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(child(servers, middleClient).getName()).isEqualTo("test.Relay/relay");
  }

  @Test
  void aBusinessExceptionEndsBothSpansWithAnError() {
    try (RpcServer server = server("tracing-refuse", text -> text);
        RpcClient client = client("tracing-refuse")) {
      assertThrows(IllegalStateException.class, () -> client.refer(Relay.class).refuse("no"));
    }

    List<SpanData> finished = spans.getFinishedSpanItems();
    assertThat(finished).hasSize(2);
    for (SpanData span : finished) {
      assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
      assertThat(span.getEvents().get(0).getName()).isEqualTo("exception");
      assertThat(span.getAttributes().asMap().toString())
          .contains("rpc.vireo.status=APPLICATION_ERROR");
    }
  }

  private static SpanData child(List<SpanData> candidates, SpanData parent) {
    return candidates.stream()
        .filter(s -> s.getParentSpanId().equals(parent.getSpanId()))
        .findFirst().orElseThrow(() -> new AssertionError("no child of " + parent));
  }

  private RpcServer server(String name, Function<String, String> relay) {
    RpcServer server = RpcServer.builder().inProcess(name)
        .intercept(VireoTracing.server(openTelemetry)).build();
    server.export(Relay.class, new Relay() {
      @Override
      public String relay(String text) {
        return relay.apply(text);
      }

      @Override
      public String refuse(String text) {
        throw new IllegalStateException("refused " + text);
      }
    });
    server.start();
    return server;
  }

  private RpcClient client(String name) {
    return RpcClient.builder().inProcess(name).intercept(VireoTracing.client(openTelemetry))
        .build();
  }
}
