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

  private long before = -1;

  @Override
  public String getDescription() {
    return "context switches per operation on the whole machine, from /proc/stat";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
    ProcStat now = ProcStat.read();
    before = now == null ? -1 : now.switches();
  }

  @Override
  public Collection<? extends Result> afterIteration(BenchmarkParams benchmark,
      IterationParams iteration, IterationResult result) {
    ProcStat now = ProcStat.read();
    long after = now == null ? -1 : now.switches();
    long operations = result.getMetadata().getAllOps();
    if (before < 0 || after < 0 || operations <= 0) {
      return List.of();
    }
    return List.of(new ScalarResult(RESULT, (double) (after - before) / operations,
        "switches/op", AggregationPolicy.AVG));
  }
}
