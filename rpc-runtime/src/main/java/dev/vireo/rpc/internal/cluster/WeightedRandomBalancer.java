package dev.vireo.rpc.internal.cluster;

import dev.vireo.rpc.CallInfo;
import dev.vireo.rpc.LoadBalancer;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** A random candidate, each with a chance proportional to its weight. */
public final class WeightedRandomBalancer implements LoadBalancer {
  @Override
  public <C extends Candidate> C pick(List<C> candidates, CallInfo call, int affinity) {
    long total = 0;
    for (C candidate : candidates) {
      total += candidate.weight();
    }
    long point = ThreadLocalRandom.current().nextLong(total);
    for (C candidate : candidates) {
      point -= candidate.weight();
      if (point < 0) {
        return candidate;
      }
    }
    throw new AssertionError("weights changed while picking");
  }

  @Override
  public String toString() {
    return "weightedRandom";
  }
}
