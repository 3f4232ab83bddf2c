package dev.vireo.examples;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;

/** The discovery example finds both providers and leaves the one that shut down. */
class DiscoveryExampleTest {
  @Test
  void callsReachBothProvidersThenOnlyTheOneStillUp() throws Exception {
    try (TestingServer zookeeper = new TestingServer(true)) {
      List<String> lines = DiscoveryExample.run(zookeeper.getConnectString());

      assertThat(lines.subList(0, 2)).containsExactly(
          "Hello, Ada! (from the first provider)", "Hello, Ada! (from the second provider)");
      assertThat(lines.get(2)).isEqualTo("(the first provider shut down)");
      assertThat(lines.subList(3, 5)).containsExactly(
          "Hello, Grace! (from the second provider)", "Hello, Grace! (from the second provider)");
    }
  }
}
