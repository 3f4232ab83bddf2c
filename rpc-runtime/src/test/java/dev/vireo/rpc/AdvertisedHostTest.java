package dev.vireo.rpc;

import static com.google.common.truth.Truth.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which address a server registers when it is given none and binds every interface. */
class AdvertisedHostTest {
  @Test
  void anAddressGivenOrASpecificBindAddressIsUsedAsItIs() {
    assertThat(AdvertisedHost.of("provider.example", "0.0.0.0")).isEqualTo("provider.example");
    assertThat(AdvertisedHost.of(null, "10.0.0.7")).isEqualTo("10.0.0.7");
  }

  @Test
  void theHostNamesAddressWhenOtherMachinesCanDialIt() throws Exception {
    assertThat(AdvertisedHost.choose(address("10.1.2.3"), List.of(address("10.9.9.9"))))
        .isEqualTo("10.1.2.3");
  }

  @Test
  void aHostNameMappedToLoopbackGivesWayToAnInterfacesAddressIpv4First() throws Exception {
    List<InetAddress> interfaces = List.of(address("127.0.0.1"), address("fe80::1"),
        address("2001:db8::5"), address("192.168.1.20"), address("10.0.0.5"));

    assertThat(AdvertisedHost.choose(address("127.0.1.1"), interfaces)).isEqualTo("192.168.1.20");
    assertThat(AdvertisedHost.choose(null, interfaces)).isEqualTo("192.168.1.20");
    assertThat(AdvertisedHost.choose(address("127.0.1.1"), interfaces.subList(0, 3)))
        .isEqualTo("2001:db8:0:0:0:0:0:5");
  }

  @Test
  void anInterfacesIpv6AddressIsAdvertisedWithoutItsScope() throws Exception {
    InetAddress scoped = Inet6Address.getByAddress(null,
        InetAddress.getByName("2001:db8::5").getAddress(), 2);
    assertThat(scoped.getHostAddress()).contains("%");

    assertThat(AdvertisedHost.choose(address("127.0.1.1"), List.of(scoped)))
        .isEqualTo("2001:db8:0:0:0:0:0:5");
  }

  @Test
  void aMachineWithNothingButLoopbackAdvertisesLoopback() throws Exception {
    assertThat(AdvertisedHost.choose(address("127.0.1.1"), List.of(address("127.0.0.1"))))
        .isEqualTo("127.0.1.1");
    assertThat(AdvertisedHost.choose(null, List.of())).isNull();
  }

  private static InetAddress address(String literal) throws Exception {
    return InetAddress.getByName(literal);
  }
}
