package dev.vireo.bench.e2e;

import dev.vireo.bench.BenchmarkDefaults;
import dev.vireo.bench.workload.UserService;
import dev.vireo.bench.workload.UserServiceImpl;
import dev.vireo.bench.workload.Users;
import dev.vireo.rpc.ExportOptions;
import dev.vireo.rpc.RpcClient;
import dev.vireo.rpc.RpcServer;
import dev.vireo.rpc.metrics.micrometer.VireoMetrics;
import dev.vireo.rpc.tracing.opentelemetry.VireoTracing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What observability costs a call: existUser through the in-process transport (real
 * serialization, no socket, run on the caller's thread) with no interceptor, with the Micrometer
 * interceptors on both sides, and with the OpenTelemetry ones (every span sampled and ended, none
 * exported, so the figure is the instrumentation's and not an exporter's).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class InterceptorCostBenchmark extends BenchmarkDefaults {
  @Param({"none", "metrics", "tracing"})
  public String interceptors;

  private RpcServer server;
  private RpcClient client;
  private SdkTracerProvider tracerProvider;
  private UserService users;
  private String email = Users.EMAIL;

  @Setup
  public void start() {
    String name = "interceptors-" + interceptors;
    RpcServer.Builder serverBuilder = RpcServer.builder().inProcess(name);
    RpcClient.Builder clientBuilder = RpcClient.builder().inProcess(name);
    switch (interceptors) {
      case "none" -> { }
      case "metrics" -> {
        serverBuilder.intercept(VireoMetrics.server(new SimpleMeterRegistry()));
        clientBuilder.intercept(VireoMetrics.client(new SimpleMeterRegistry()));
      }
      case "tracing" -> {
        tracerProvider = SdkTracerProvider.builder().setSampler(Sampler.alwaysOn()).build();
        OpenTelemetrySdk openTelemetry =
            OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).build();
        serverBuilder.intercept(VireoTracing.server(openTelemetry));
        clientBuilder.intercept(VireoTracing.client(openTelemetry));
      }
      default -> throw new IllegalArgumentException(interceptors);
    }
    server = serverBuilder.build();
    server.export(UserService.class, new UserServiceImpl(),
        ExportOptions.builder().direct(true).build());
    server.start();
    client = clientBuilder.build();
    users = client.refer(UserService.class);
  }

  @Benchmark
  public boolean existUser() {
    return users.existUser(email);
  }

  @TearDown
  public void stop() {
    client.close();
    server.close();
    if (tracerProvider != null) {
      tracerProvider.close();
    }
  }
}
