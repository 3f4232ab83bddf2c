package dev.vireo.rpc;

import dev.vireo.rpc.internal.cluster.ConsistentHashBalancer;
import dev.vireo.rpc.internal.cluster.LeastActiveBalancer;
import dev.vireo.rpc.internal.cluster.RoundRobinBalancer;
import dev.vireo.rpc.internal.cluster.WeightedRandomBalancer;
import java.util.List;

/**
 * Chooses the provider each call goes to, among those a client knows for the service: from a
 * registry or from the builder's addresses. Set one per client with {@link
 * RpcClient.Builder#loadBalancer}. Implementations must be thread-safe and quick: {@link #pick}
 * runs on the caller's thread for every call.
 */
public interface LoadBalancer {
  /** One provider a call may go to. */
  interface Candidate {
    /** {@code host:port}. */
    String address();

    /** Its share of calls relative to the others, at least 1 (from the registry; else 100). */
    int weight();

    /** The calls this client has sent to it that are not answered yet. */
    int activeCalls();
  }

  /**
   * Picks one of {@code candidates} for {@code call}. The list is never empty, and holds the
   * providers worth trying now: connected ones if any, else those connecting. {@code affinity} is
   * a hash of the call's first argument when {@link #usesAffinity()} says so, else 0.
   */
  <C extends Candidate> C pick(List<C> candidates, CallInfo call, int affinity);

  /** Whether {@link #pick} needs the hash of the first argument (it costs a little per call). */
  default boolean usesAffinity() {
    return false;
  }

  /** Each call to the next provider in turn (the default). */
  static LoadBalancer roundRobin() {
    return new RoundRobinBalancer();
  }

  /** A random provider, each with a chance proportional to its weight. */
  static LoadBalancer weightedRandom() {
    return new WeightedRandomBalancer();
  }

  /** The provider with the fewest calls in flight from this client; ties in turn. */
  static LoadBalancer leastActive() {
    return new LeastActiveBalancer();
  }

  /**
   * The same first argument always to the same provider while the providers stay the same; when
   * one comes or goes, only the arguments that were its move (a hash ring, virtual nodes by
   * weight).
   */
  static LoadBalancer consistentHash() {
    return new ConsistentHashBalancer();
  }
}
