package dev.vireo.bench.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * The machine's context switches per operation, read from {@code /proc/stat} before and after
 * each iteration, divided by every operation of the iteration (as JMH's own GC profiler divides
 * allocation): those of the client and the server JVMs together (both run on this machine), plus
 * whatever else ran meanwhile (other idle benchmark servers, other tenants of a shared machine).
 * Thread hand-offs are what separates RPC systems here, and each one is a context switch.
 *
 * <p>Usage: {@code -prof dev.vireo.bench.profile.ContextSwitches}; the result is {@code
 * ctxsw.per.op}. Reports nothing where {@code /proc/stat} cannot be read.
 */
public final class ContextSwitches implements InternalProfiler {
  /** The name of the secondary result, as the report looks it up. */
  public static final String RESULT = "ctxsw.per.op";
  private static final Path STAT = Path.of("/proc/stat");

  private long before = -1;

  @Override
  public String getDescription() {
    return "context switches per operation on the whole machine, from /proc/stat";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
    before = machineSwitches();
  }

  @Override
  public Collection<? extends Result> afterIteration(BenchmarkParams benchmark,
      IterationParams iteration, IterationResult result) {
    long after = machineSwitches();
    long operations = result.getMetadata().getAllOps();
    if (before < 0 || after < 0 || operations <= 0) {
      return List.of();
    }
    return List.of(new ScalarResult(RESULT, (double) (after - before) / operations,
        "switches/op", AggregationPolicy.AVG));
  }

  /** The context switches of every CPU since boot; -1 where the kernel does not tell. */
  static long machineSwitches() {
    if (!Files.isReadable(STAT)) {
      return -1;
    }
    try {
      for (String line : Files.readAllLines(STAT)) {
        if (line.startsWith("ctxt ")) {
          return Long.parseLong(line.substring(5).trim());
        }
      }
      return -1;
    } catch (IOException | NumberFormatException unreadable) {
      return -1;
    }
  }
}
