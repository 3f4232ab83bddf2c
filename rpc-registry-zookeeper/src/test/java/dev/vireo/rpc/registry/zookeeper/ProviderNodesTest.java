package dev.vireo.rpc.registry.zookeeper;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vireo.rpc.registry.ProviderInfo;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The node layout and data of docs/discovery.md. */
class ProviderNodesTest {
  private final ProviderNodes nodes = new ProviderNodes("/vireo");

  @Test
  void aProviderIsANodeUnderItsServiceNamedByTagAndAddress() {
    ProviderInfo provider = new ProviderInfo("users.UserService", "v2", "10.0.0.7", 8080, 100, 1,
        Map.of());

    assertThat(nodes.pathOf(provider))
        .isEqualTo("/vireo/users.UserService/providers/v2%4010.0.0.7%3A8080");
  }

  @Test
  void namesWithSlashesAndSpacesAreEncoded() {
    assertThat(nodes.providersOf("a/b c")).isEqualTo("/vireo/a%2Fb+c/providers");
  }

  @Test
  void theDataRoundTripsWithMetadataAndUnusualCharacters() {
    ProviderInfo provider = new ProviderInfo("s", "t=1\nx", "::1", 9, 7, 1,
        Map.of("zone", "eu west=1"));

    byte[] data = ProviderNodes.data(provider);

    assertThat(new String(data, StandardCharsets.UTF_8)).startsWith("host=%3A%3A1\nport=9\n");
    assertThat(ProviderNodes.parse("s", data)).isEqualTo(provider);
  }

  @Test
  void unknownKeysAreIgnoredAndMissingOnesRefused() {
    byte[] withExtra = "host=h\nport=1\nprotocol=1\nfuture=yes\n".getBytes(StandardCharsets.UTF_8);
    assertThat(ProviderNodes.parse("s", withExtra).weight()).isEqualTo(100);

    byte[] noPort = "host=h\nprotocol=1\n".getBytes(StandardCharsets.UTF_8);
    assertThrows(IllegalArgumentException.class, () -> ProviderNodes.parse("s", noPort));
  }
}
