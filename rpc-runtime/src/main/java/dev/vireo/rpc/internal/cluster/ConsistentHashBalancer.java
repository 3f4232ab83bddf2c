package dev.vireo.rpc.internal.cluster;

import dev.vireo.rpc.CallInfo;
import dev.vireo.rpc.LoadBalancer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A hash ring of the candidates' addresses, each on {@link #POINTS_PER_WEIGHT} points per 100 of
 * weight (at least one, at most {@link #MOST_POINTS}: a weight above 1,000 counts as 1,000); a
 * call goes to the first point at or after the hash of its first argument. A candidate's points
 * depend on its own weight alone, so that when one leaves only its arguments move. The ring is
 * rebuilt only when the candidates change.
 */
public final class ConsistentHashBalancer implements LoadBalancer {
  private static final int POINTS_PER_WEIGHT = 160;
  /** Ten times the default weight's points: a published weight does not size the ring. */
  private static final long MOST_POINTS = 10 * POINTS_PER_WEIGHT;

  private volatile Ring ring = new Ring(List.of(), new TreeMap<>());

  @Override
  public <C extends Candidate> C pick(List<C> candidates, CallInfo call, int affinity) {
    Ring current = ring;
    if (!current.candidates.equals(candidates)) {
      current = Ring.of(List.copyOf(candidates));
      ring = current;
    }
    Map.Entry<Integer, Candidate> point = current.points.ceilingEntry(mix(affinity));
    Candidate chosen = point != null ? point.getValue() : current.points.firstEntry().getValue();
    @SuppressWarnings("unchecked") // the ring holds exactly the elements of candidates
    C result = (C) chosen;
    return result;
  }

  @Override
  public boolean usesAffinity() {
    return true;
  }

  @Override
  public String toString() {
    return "consistentHash";
  }

  /** Spreads nearby hashes of similar arguments over the whole ring. */
  private static int mix(int hash) {
    int h = hash * 0x9e3779b9;
    return h ^ (h >>> 16);
  }

  private record Ring(List<? extends Candidate> candidates, TreeMap<Integer, Candidate> points) {
    static Ring of(List<? extends Candidate> candidates) {
      TreeMap<Integer, Candidate> points = new TreeMap<>();
      for (Candidate candidate : candidates) {
        int count = (int) Math.max(1,
            Math.min(MOST_POINTS, POINTS_PER_WEIGHT * (long) candidate.weight() / 100));
        for (int i = 0; i < count; i++) {
          points.put(mix(fnv(candidate.address() + "#" + i)), candidate);
        }
      }
      return new Ring(candidates, points);
    }

    private static int fnv(String text) {
      int hash = 0x811c9dc5;
      for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
        hash = (hash ^ (b & 0xff)) * 0x01000193;
      }
      return hash;
    }
  }
}
