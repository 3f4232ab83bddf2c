package dev.vireo.rpc.internal.cluster;

import static com.google.common.truth.Truth.assertThat;

import dev.vireo.rpc.internal.channel.CallChannel;
import dev.vireo.rpc.internal.protocol.FrameHeader;
import dev.vireo.rpc.internal.protocol.Request;
import dev.vireo.rpc.internal.protocol.Response;
import dev.vireo.rpc.registry.ProviderInfo;
import dev.vireo.rpc.registry.ProviderListener;
import dev.vireo.rpc.registry.Registry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How a client's view of a service's providers follows what its registry reports. */
class RegistryDirectoryTest {
  private final ReportingRegistry registry = new ReportingRegistry();
  private final List<String> retired = new ArrayList<>();
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final RegistryDirectory directory = new RegistryDirectory(registry, "shop.Stock", "",
      new ConnectionPool(Channel::new), now::get);

  @BeforeEach
  void follow() {
    directory.follow();
  }

  @Test
  void providersComeAndGoAsTheRegistrySays() {
    registry.reports(provider(1), provider(2));
    assertThat(addresses()).containsExactly("10.0.0.1:8080", "10.0.0.2:8080").inOrder();

    registry.reports(provider(2), provider(3));

    assertThat(addresses()).containsExactly("10.0.0.2:8080", "10.0.0.3:8080").inOrder();
    assertThat(retired).containsExactly("10.0.0.1:8080");
  }

  @Test
  void aReportOfNoProviderAtAllIsNotBelievedWhileSomeAreKnown() {
    registry.reports(provider(1), provider(2));

    registry.reports();

    assertThat(addresses()).containsExactly("10.0.0.1:8080", "10.0.0.2:8080").inOrder();
    assertThat(retired).isEmpty();

    registry.reports(provider(3));

    assertThat(addresses()).containsExactly("10.0.0.3:8080");
    assertThat(retired).containsExactly("10.0.0.1:8080", "10.0.0.2:8080");
  }

  @Test
  void aReportOfNoProviderIsBelievedOnceTheRegistryKeptToItForAMinute() {
    registry.reports(provider(1));
    registry.reports();
    now.addAndGet(RegistryDirectory.DISBELIEF.toNanos() / 2);
    registry.reports();
    now.addAndGet(RegistryDirectory.DISBELIEF.toNanos() / 2);
    assertThat(addresses()).containsExactly("10.0.0.1:8080");

    now.incrementAndGet();

    assertThat(addresses()).isEmpty();
    assertThat(retired).containsExactly("10.0.0.1:8080");
  }

  @Test
  void aProviderListedAgainEndsTheDoubt() {
    registry.reports(provider(1));
    registry.reports();
    registry.reports(provider(1));

    now.addAndGet(2 * RegistryDirectory.DISBELIEF.toNanos());

    assertThat(addresses()).containsExactly("10.0.0.1:8080");
    assertThat(retired).isEmpty();
  }

  @Test
  void aReportOfAnotherTagOnlyIsNotBelievedEither() {
    registry.reports(provider(1));

    registry.reports(new ProviderInfo("shop.Stock", "canary", "10.0.0.1", 8080, 100,
        FrameHeader.VERSION, Map.of()));

    assertThat(addresses()).containsExactly("10.0.0.1:8080");
    assertThat(retired).isEmpty();
  }

  @Test
  void aProviderUpgradedToAnotherProtocolVersionIsLetGo() {
    registry.reports(provider(1));

    registry.reports(new ProviderInfo("shop.Stock", "", "10.0.0.1", 8080, 100,
        FrameHeader.VERSION + 1, Map.of()));

    assertThat(addresses()).isEmpty();
    assertThat(retired).containsExactly("10.0.0.1:8080");
  }

  @Test
  void aProviderWhoseWeightChangesKeepsItsCallsInFlight() {
    registry.reports(provider(1));
    directory.providers().get(0).started();

    registry.reports(new ProviderInfo("shop.Stock", "", "10.0.0.1", 8080, 50,
        FrameHeader.VERSION, Map.of()));

    Provider reweighted = directory.providers().get(0);
    assertThat(reweighted.weight()).isEqualTo(50);
    assertThat(reweighted.activeCalls()).isEqualTo(1);
    assertThat(retired).isEmpty();
  }

  private List<String> addresses() {
    return directory.providers().stream().map(Provider::address).toList();
  }

  private static ProviderInfo provider(int host) {
    return new ProviderInfo("shop.Stock", "", "10.0.0." + host, 8080, 100, FrameHeader.VERSION,
        Map.of());
  }

  /** A registry whose reports the test makes. */
  private static final class ReportingRegistry implements Registry {
    private final List<ProviderListener> listeners = new ArrayList<>();

    void reports(ProviderInfo... providers) {
      listeners.forEach(listener -> listener.providersChanged(List.of(providers)));
    }

    @Override
    public void register(ProviderInfo provider) {}

    @Override
    public void unregister(ProviderInfo provider) {}

    @Override
    public void subscribe(String service, ProviderListener listener) {
      listeners.add(listener);
    }

    @Override
    public void unsubscribe(String service, ProviderListener listener) {
      listeners.remove(listener);
    }

    @Override
    public void close() {}
  }

  /** A channel that records being retired and is never sent anything. */
  private final class Channel implements CallChannel {
    private final String address;

    Channel(String host, int port) {
      this.address = host + ":" + port;
    }

    @Override
    public CompletableFuture<Response> send(Request request) {
      throw new AssertionError("nothing is sent in this test");
    }

    @Override
    public String address() {
      return address;
    }

    @Override
    public void retire() {
      retired.add(address);
    }

    @Override
    public void close() {
      retired.add(address);
    }
  }
}
