package dev.vireo.bench.profile;

import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * The machine's CPU time per operation, in user mode and in the kernel, read from {@code
 * /proc/stat} before and after each iteration and divided by every operation of the iteration:
 * everything the machine ran meanwhile, the client's and the server's JVMs and any other process,
 * as {@link ContextSwitches} counts them; steal and I/O wait are left out. The user
 * share is what the JVMs do for the call (serialization included), the kernel's mostly the
 * sockets' system calls and the threads' wake-ups. Where two systems spend the same per call and
 * the cores are not saturated, what separates their throughput is how long each call waits for
 * the threads it wakes, not what it computes.
 *
 * <p>Usage: {@code -prof dev.vireo.bench.profile.CpuTime}; the results are {@code
 * cpu.user.per.op} and {@code cpu.kernel.per.op}, in µs. The kernel counts CPU time in 10 ms
 * ticks, so a figure is read to 1% once its share of the iteration adds up to a second of CPU.
 * Reports nothing where {@code /proc/stat} cannot be read.
 */
public final class CpuTime implements InternalProfiler {
  /** The names of the secondary results, as the report looks them up. */
  public static final String USER = "cpu.user.per.op";
  public static final String KERNEL = "cpu.kernel.per.op";

  private ProcStat before;

  @Override
  public String getDescription() {
    return "CPU time per operation on the whole machine, user and kernel, from /proc/stat";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
    before = ProcStat.read();
  }

  @Override
  public Collection<? extends Result> afterIteration(BenchmarkParams benchmark,
      IterationParams iteration, IterationResult result) {
    ProcStat after = ProcStat.read();
    long operations = result.getMetadata().getAllOps();
    if (before == null || after == null || operations <= 0) {
      return List.of();
    }
    return List.of(
        new ScalarResult(USER, (double) (after.userMicros() - before.userMicros()) / operations,
            "µs/op", AggregationPolicy.AVG),
        new ScalarResult(KERNEL,
            (double) (after.kernelMicros() - before.kernelMicros()) / operations,
            "µs/op", AggregationPolicy.AVG));
  }
}
