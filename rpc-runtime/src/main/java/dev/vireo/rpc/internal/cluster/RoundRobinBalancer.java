package dev.vireo.rpc.internal.cluster;

import dev.vireo.rpc.CallInfo;
import dev.vireo.rpc.LoadBalancer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Each call to the next candidate in turn. */
public final class RoundRobinBalancer implements LoadBalancer {
  private final AtomicInteger next = new AtomicInteger();

  @Override
  public <C extends Candidate> C pick(List<C> candidates, CallInfo call, int affinity) {
    return candidates.get(Math.floorMod(next.getAndIncrement(), candidates.size()));
  }

  @Override
  public String toString() {
    return "roundRobin";
  }
}
