package dev.vireo.rpc.metrics.micrometer;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vireo.rpc.CallInfo;
import dev.vireo.rpc.CallOutcome;
import dev.vireo.rpc.ClientInterceptor;
import dev.vireo.rpc.ExportOptions;
import dev.vireo.rpc.RpcClient;
import dev.vireo.rpc.RpcException;
import dev.vireo.rpc.RpcServer;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The meters of both sides, read back from a {@link SimpleMeterRegistry}. */
class VireoMetricsTest {
  private final SimpleMeterRegistry clientMeters = new SimpleMeterRegistry();
  private final SimpleMeterRegistry serverMeters = new SimpleMeterRegistry();

  @Test
  void everyCallIsCountedAndTimedByServiceMethodAndStatus() throws Exception {
    try (RpcServer server = RpcServer.builder().inProcess("metrics")
            .intercept(VireoMetrics.server(serverMeters)).build();
        RpcClient client = RpcClient.builder().inProcess("metrics")
            .intercept(VireoMetrics.client(clientMeters)).build()) {
      server.export(Counter.class, new Adder(), ExportOptions.builder().methods("add",
          "checkedAdd").build());
      server.start();
      Counter counter = client.refer(Counter.class);

      counter.add(1);
      counter.add(2);
      assertThrows(NegativeAmountException.class, () -> counter.checkedAdd(-1));

      for (SimpleMeterRegistry side : new SimpleMeterRegistry[] {clientMeters, serverMeters}) {
        String prefix = side == clientMeters ? "rpc.client" : "rpc.server";
        assertThat(timer(side, prefix, "add(int)", "OK").count()).isEqualTo(2);
        assertThat(timer(side, prefix, "checkedAdd(int)", "APPLICATION_ERROR").count())
            .isEqualTo(1);
        assertThat(side.get(prefix + ".calls.started").tag("method", "add(int)").counter()
            .count()).isEqualTo(2.0);
        assertThat(side.get(prefix + ".calls.active").tag("method", "add(int)").gauge().value())
            .isEqualTo(0.0);
        assertThat(timer(side, prefix, "add(int)", "OK").totalTime(TimeUnit.NANOSECONDS))
            .isGreaterThan(0.0);
      }
    }
  }

  @Test
  void callsRefusedBeforeRunningAreMeasuredWithTheirStatus() {
    try (RpcServer server = RpcServer.builder().inProcess("metrics-refused")
            .intercept(VireoMetrics.server(serverMeters)).build();
        RpcClient client = RpcClient.builder().inProcess("metrics-refused")
            .intercept(VireoMetrics.client(clientMeters)).build()) {
      server.export(Counter.class, new Adder(), ExportOptions.builder().methods("add").build());
      server.start();

      assertThrows(RpcException.class, () -> client.refer(Counter.class).checkedAdd(1));

      assertThat(timer(serverMeters, "rpc.server", "checkedAdd(int)", "METHOD_NOT_FOUND")
          .count()).isEqualTo(1);
      assertThat(timer(clientMeters, "rpc.client", "checkedAdd(int)", "METHOD_NOT_FOUND")
          .count()).isEqualTo(1);
    }
  }

  @Test
  void interceptorsMeasuringIntoOneRegistryShareItsGaugeOfActiveCalls() {
    ClientInterceptor first = VireoMetrics.client(clientMeters);
    ClientInterceptor second = VireoMetrics.client(clientMeters);
    CallInfo one = new CallInfo("shop.Stock", "", "count()", CallInfo.Kind.BLOCKING, 0, Map.of());
    CallInfo two = new CallInfo("shop.Stock", "", "count()", CallInfo.Kind.BLOCKING, 0, Map.of());

    first.onStart(one);
    second.onStart(two);
    assertThat(active()).isEqualTo(2);

    first.onEnd(one, CallOutcome.ok());
    second.onEnd(two, CallOutcome.ok());
    assertThat(active()).isEqualTo(0);
  }

  private double active() {
    return clientMeters.get("rpc.client.calls.active").tag("service", "shop.Stock")
        .tag("method", "count()").gauge().value();
  }

  @Test
  void connectionsTrafficAndQueuedCallsArePublishedForTcp() {
    try (RpcServer server = RpcServer.builder().host("127.0.0.1").port(0).build()) {
      server.export(Counter.class, new Adder());
      server.start();
      VireoMetrics.monitor(server, serverMeters);
      try (RpcClient client = RpcClient.builder().address("127.0.0.1", server.port()).build()) {
        VireoMetrics.monitor(client, clientMeters);
        client.refer(Counter.class).add(5);

        assertThat(clientMeters.get("rpc.client.connections").gauge().value()).isEqualTo(1.0);
        assertThat(clientMeters.get("rpc.client.bytes.sent").functionCounter().count())
            .isGreaterThan(20.0);
        assertThat(clientMeters.get("rpc.client.bytes.received").functionCounter().count())
            .isGreaterThan(20.0);
        assertThat(serverMeters.get("rpc.server.calls.queued").gauge().value()).isEqualTo(0.0);
        // The server counts what the client sent once it has read it: the call was answered.
        assertThat(serverMeters.get("rpc.server.bytes.received").functionCounter().count())
            .isEqualTo(clientMeters.get("rpc.client.bytes.sent").functionCounter().count());
      }
    }
  }

  @Test
  void twoClientsOnOneRegistryArePublishedApartByTheirTags() {
    try (RpcServer server = RpcServer.builder().host("127.0.0.1").port(0).build()) {
      server.export(Counter.class, new Adder());
      server.start();
      try (RpcClient connected = RpcClient.builder().address("127.0.0.1", server.port()).build();
          RpcClient idle = RpcClient.builder().address("127.0.0.1", server.port()).build()) {
        VireoMetrics.monitor(idle, clientMeters, Tags.of("client", "idle"));
        VireoMetrics.monitor(connected, clientMeters, Tags.of("client", "connected"));
        connected.refer(Counter.class).add(5);

        assertThat(clientMeters.get("rpc.client.bytes.sent").tag("client", "connected")
            .functionCounter().count()).isGreaterThan(20.0);
        assertThat(clientMeters.get("rpc.client.bytes.sent").tag("client", "idle")
            .functionCounter().count()).isEqualTo(0.0);
      }
    }
  }

  private static Timer timer(SimpleMeterRegistry registry, String prefix, String method,
      String status) {
    return registry.get(prefix + ".duration").tag("service", "test.Counter")
        .tag("method", method).tag("status", status).timer();
  }

  /** Adds up what it is given. */
  private static final class Adder implements Counter {
    private final AtomicInteger total = new AtomicInteger();

    @Override
    public int add(int amount) {
      return total.addAndGet(amount);
    }

    @Override
    public int checkedAdd(int amount) throws NegativeAmountException {
      if (amount < 0) {
        throw new NegativeAmountException("negative: " + amount);
      }
      return add(amount);
    }
  }
}
