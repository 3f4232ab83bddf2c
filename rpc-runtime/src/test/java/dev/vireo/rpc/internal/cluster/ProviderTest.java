package dev.vireo.rpc.internal.cluster;

import static com.google.common.truth.Truth.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When a provider's failures set it aside, and for how long. */
class ProviderTest {
  private static final long SECOND = Duration.ofSeconds(1).toNanos();

  private final Provider provider = new Provider("127.0.0.1:1", null, 100, null);

  @Test
  void fiveTimeoutsInARowEjectItForTenSeconds() {
    long now = 1_000 * SECOND;
    timeouts(4, now);
    assertThat(provider.isEjected(now)).isFalse();

    provider.failed(null, now);

    assertThat(provider.isEjected(now)).isTrue();
    assertThat(provider.isEjected(now + 10 * SECOND - 1)).isTrue();
    assertThat(provider.isEjected(now + 10 * SECOND)).isFalse();
  }

  @Test
  void aReplyStartsTheCountAgain() {
    long now = 1_000 * SECOND;
    timeouts(4, now);
    provider.answered();
    timeouts(4, now);

    assertThat(provider.isEjected(now)).isFalse();
  }

  @Test
  void aConnectionLostWithManyCallsInFlightIsOneFailure() {
    long now = 1_000 * SECOND;
    RuntimeException loss = new RuntimeException("the connection closed");
    for (int call = 0; call < 20; call++) {
      provider.failed(loss, now);
    }
    timeouts(3, now);
    assertThat(provider.isEjected(now)).isFalse();

    provider.failed(new RuntimeException("the next connection closed too"), now);

    assertThat(provider.isEjected(now)).isTrue();
  }

  @Test
  void lossesOfSeveralConnectionsReportedInTurnCountOnceEach() {
    long now = 1_000 * SECOND;
    RuntimeException first = new RuntimeException("the first connection closed");
    RuntimeException second = new RuntimeException("the second connection closed");
    for (int call = 0; call < 10; call++) {
      provider.failed(call % 2 == 0 ? first : second, now);
    }
    for (int loss = 0; loss < 2; loss++) {
      provider.failed(new RuntimeException("another connection closed"), now);
    }
    assertThat(provider.isEjected(now)).isFalse();

    provider.failed(new RuntimeException("the fifth loss"), now);

    assertThat(provider.isEjected(now)).isTrue();
  }

  @Test
  void eachEjectionDoublesUntilItWentAsLongAsTheLongestWithoutOne() {
    long now = 1_000 * SECOND;
    long[] expected = {10, 20, 40, 80, 80};
    for (long seconds : expected) {
      timeouts(5, now);
      assertThat(provider.isEjected(now + seconds * SECOND - 1)).isTrue();
      assertThat(provider.isEjected(now + seconds * SECOND)).isFalse();
      now += seconds * SECOND;
    }

    now += ProviderHealth.LONGEST_EJECTION.toNanos() + 1;
    timeouts(5, now);

    assertThat(provider.isEjected(now + 10 * SECOND - 1)).isTrue();
    assertThat(provider.isEjected(now + 10 * SECOND)).isFalse();
  }

  @Test
  void aNewWeightKeepsTheProvidersEjectionAndItsCallsInFlight() {
    long now = 1_000 * SECOND;
    provider.started();
    timeouts(5, now);

    Provider reweighted = provider.reweighted(50);

    assertThat(reweighted.weight()).isEqualTo(50);
    assertThat(reweighted.isEjected(now)).isTrue();
    assertThat(reweighted.activeCalls()).isEqualTo(1);
    reweighted.finished();
    assertThat(provider.activeCalls()).isEqualTo(0);
  }

  private void timeouts(int count, long now) {
    for (int call = 0; call < count; call++) {
      provider.failed(null, now);
    }
  }
}
