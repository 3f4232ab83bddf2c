package dev.vireo.bench.e2e;

import dev.vireo.bench.reflective.ReflectiveBinding;
import dev.vireo.bench.workload.UserService;
import dev.vireo.bench.workload.UserServiceImpl;
import dev.vireo.rpc.ExportOptions;
import dev.vireo.rpc.RpcClient;
import dev.vireo.rpc.RpcServer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The workload through the in-process transport: every call encoded and decoded by the real
 * serializer and run on the calling thread ({@code direct} export), no socket. The generated
 * binding against the reflective one, with serialization now in the picture.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class InProcessBenchmark extends WorkloadBenchmark {
  @Param({"generated", "reflective"})
  public String binding;

  private RpcServer server;

  @Setup
  public void start() {
    String name = "bench-" + binding;
    boolean reflective = binding.equals("reflective");
    RpcServer.Builder builder = RpcServer.builder().inProcess(name);
    if (reflective) {
      builder.binding(new ReflectiveBinding<>(UserService.class));
    }
    server = builder.build();
    server.export(UserService.class, new UserServiceImpl(),
        ExportOptions.builder().direct(true).build());
    server.start();
    workload = new VireoWorkload(RpcClient.builder().inProcess(name), reflective);
  }

  @TearDown
  public void stop() {
    workload.close();
    server.close();
  }
}
