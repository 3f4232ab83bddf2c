package dev.vireo.rpc.internal.cluster;

import static com.google.common.truth.Truth.assertThat;

import com.google.common.collect.Range;
import dev.vireo.rpc.CallInfo;
import dev.vireo.rpc.LoadBalancer;
import dev.vireo.rpc.LoadBalancer.Candidate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

/** What each balancer picks, on candidates whose weight and load the test sets. */
class LoadBalancersTest {
  private static final CallInfo CALL =
      new CallInfo("s", "", "m()", CallInfo.Kind.BLOCKING, 0, Map.of());

  @Test
  void roundRobinTakesEachCandidateInTurn() {
    List<Fixed> candidates = List.of(new Fixed("a"), new Fixed("b"), new Fixed("c"));
    LoadBalancer balancer = LoadBalancer.roundRobin();

    Map<String, Integer> picks = pick(balancer, candidates, 300, i -> 0);

    assertThat(picks).containsExactly("a", 100, "b", 100, "c", 100);
  }

  @Test
  void weightedRandomFollowsTheWeights() {
    List<Fixed> candidates = List.of(new Fixed("light", 100, 0), new Fixed("heavy", 400, 0));

    Map<String, Integer> picks = pick(LoadBalancer.weightedRandom(), candidates, 10_000, i -> 0);

    // 8,000 expected; the binomial spread is 40, so this fails by chance almost never.
    assertThat(picks.get("heavy")).isIn(Range.closed(7700, 8300));
  }

  @Test
  void leastActivePicksTheLeastBusyAndSharesTies() {
    Fixed busy = new Fixed("busy", 100, 5);
    Fixed idle = new Fixed("idle", 100, 0);
    Fixed alsoIdle = new Fixed("also-idle", 100, 0);

    Map<String, Integer> picks =
        pick(LoadBalancer.leastActive(), List.of(busy, idle, alsoIdle), 100, i -> 0);

    assertThat(picks).doesNotContainKey("busy");
    assertThat(picks.get("idle")).isAtLeast(30);
    assertThat(picks.get("also-idle")).isAtLeast(30);
  }

  @Test
  void consistentHashKeepsEachKeyWhereItWasWhenAnotherCandidateLeaves() {
    LoadBalancer balancer = LoadBalancer.consistentHash();
    List<Fixed> all = List.of(new Fixed("a"), new Fixed("b"), new Fixed("c"), new Fixed("d"));
    List<Fixed> withoutC = List.of(all.get(0), all.get(1), all.get(3));
    assertThat(balancer.usesAffinity()).isTrue();

    int moved = 0;
    Map<String, Integer> spread = new HashMap<>();
    for (int key = 0; key < 2000; key++) {
      String before = balancer.pick(all, CALL, key).address();
      assertThat(balancer.pick(all, CALL, key).address()).isEqualTo(before);
      String after = balancer.pick(withoutC, CALL, key).address();
      if (!before.equals("c") && !before.equals(after)) {
        moved++;
      }
      spread.merge(before, 1, Integer::sum);
    }

    assertThat(moved).isEqualTo(0);
    for (int share : spread.values()) {
      assertThat(share).isIn(Range.closed(250, 750));
    }
  }

  @Test
  void consistentHashCountsAWeightAbove1000As1000AndMovesOnlyTheKeysOfOneThatLeaves() {
    LoadBalancer balancer = LoadBalancer.consistentHash();
    // 160 points per 100 of weight would be 22 million here, more than an int holds.
    Fixed heavy = new Fixed("heavy", 14_000_000, 0);
    List<Fixed> all = List.of(heavy, new Fixed("a"), new Fixed("b"));
    List<Fixed> withoutHeavy = List.of(all.get(1), all.get(2));

    LoadBalancer afterItLeft = LoadBalancer.consistentHash();

    Map<String, Integer> picks = pick(balancer, all, 12_000, key -> key * 7919);
    int moved = 0;
    for (int key = 0; key < 12_000; key++) {
      String before = balancer.pick(all, CALL, key * 7919).address();
      String after = afterItLeft.pick(withoutHeavy, CALL, key * 7919).address();
      if (!before.equals("heavy") && !before.equals(after)) {
        moved++;
      }
    }

    // 1,600 points against 160 and 160: 10,000 expected of 12,000, give or take 300.
    assertThat(picks.get("heavy")).isIn(Range.closed(9_300, 10_700));
    assertThat(moved).isEqualTo(0);
  }

  private static Map<String, Integer> pick(LoadBalancer balancer, List<Fixed> candidates,
      int calls, IntUnaryOperator affinity) {
    Map<String, Integer> picks = new HashMap<>();
    for (int i = 0; i < calls; i++) {
      picks.merge(balancer.pick(new ArrayList<>(candidates), CALL, affinity.applyAsInt(i))
          .address(), 1, Integer::sum);
    }
    return picks;
  }

  /** A candidate with a set weight and load. */
  private record Fixed(String address, int weight, int activeCalls) implements Candidate {
    Fixed(String address) {
      this(address, 100, 0);
    }
  }
}
