package dev.vireo.bench.e2e;

import dev.vireo.bench.BenchmarkDefaults;
import org.openjdk.jmh.annotations.Benchmark;

/** The four operations of the workload as benchmarks; subclasses say where {@link #workload} runs. */
public abstract class WorkloadBenchmark extends BenchmarkDefaults {
  protected Workload workload;

  @Benchmark
  public Object existUser() {
    return workload.existUser();
  }

  @Benchmark
  public Object createUser() {
    return workload.createUser();
  }

  @Benchmark
  public Object getUser() {
    return workload.getUser();
  }

  @Benchmark
  public Object listUser() {
    return workload.listUser();
  }
}
