package dev.vireo.rpc.internal.cluster;

import dev.vireo.rpc.CallInfo;
import dev.vireo.rpc.LoadBalancer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The candidate with the fewest calls in flight; among equals, in turn. */
public final class LeastActiveBalancer implements LoadBalancer {
  private final AtomicInteger next = new AtomicInteger();

  @Override
  public <C extends Candidate> C pick(List<C> candidates, CallInfo call, int affinity) {
    int size = candidates.size();
    int start = Math.floorMod(next.getAndIncrement(), size);
    C best = null;
    int fewest = Integer.MAX_VALUE;
    for (int i = 0; i < size; i++) {
      C candidate = candidates.get((start + i) % size);
      int active = candidate.activeCalls();
      if (active < fewest) {
        best = candidate;
        fewest = active;
      }
    }
    return best;
  }

  @Override
  public String toString() {
    return "leastActive";
  }
}
