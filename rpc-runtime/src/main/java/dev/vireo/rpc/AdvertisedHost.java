package dev.vireo.rpc;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The host a server registers for clients to dial. */
final class AdvertisedHost {
  private AdvertisedHost() {}

  /**
   * The host given, else the bind address when it is a specific one, else this machine's address
   * as other machines reach it (see {@link #choose}).
   */
  static String of(String advertised, String bindHost) {
    if (advertised != null) {
      return advertised;
    }
    if (bindHost != null && !isWildcard(bindHost)) {
      return bindHost;
    }
    InetAddress localHost;
    try {
      localHost = InetAddress.getLocalHost();
    } catch (UnknownHostException unnamed) {
      localHost = null;
    }
    String chosen = choose(localHost, interfaceAddresses());
    if (chosen == null) {
      throw new IllegalStateException("cannot tell which address clients should dial; set"
          + " advertisedHost(..) on the server's builder");
    }
    return chosen;
  }

  /**
   * The address of the host's name, unless it is one only this machine can dial (Debian maps the
   * name to 127.0.1.1): then the first IPv4 address of {@code interfaceAddresses} that others
   * can, else the first such IPv6 one; a loopback address only for a machine that has no other.
   * Null if there is nothing at all.
   */
  static String choose(InetAddress localHost, List<InetAddress> interfaceAddresses) {
    if (localHost != null && reachableFromElsewhere(localHost)) {
      return withoutScope(localHost);
    }
    InetAddress best = interfaceAddresses.stream()
        .filter(AdvertisedHost::reachableFromElsewhere)
        .min(Comparator.comparing(address -> address instanceof Inet4Address ? 0 : 1))
        .orElse(localHost);
    return best == null ? null : withoutScope(best);
  }

  /**
   * The address as text without the scope an interface's IPv6 address carries ({@code %eth0}),
   * which names an interface of this machine that another may not have.
   */
  private static String withoutScope(InetAddress address) {
    try {
      return InetAddress.getByAddress(address.getAddress()).getHostAddress();
    } catch (UnknownHostException notFourOrSixteenBytes) {
      return address.getHostAddress();
    }
  }

  private static boolean reachableFromElsewhere(InetAddress address) {
    return !address.isLoopbackAddress() && !address.isLinkLocalAddress()
        && !address.isAnyLocalAddress();
  }

  /** The addresses of this machine's interfaces that are up, in the order of their indexes. */
  private static List<InetAddress> interfaceAddresses() {
    List<InetAddress> addresses = new ArrayList<>();
    try {
      NetworkInterface.networkInterfaces()
          .sorted(Comparator.comparingInt(NetworkInterface::getIndex))
          .filter(AdvertisedHost::isUp)
          .forEach(each -> each.inetAddresses().forEach(addresses::add));
    } catch (SocketException unlisted) {
      return List.of();
    }
    return addresses;
  }

  private static boolean isUp(NetworkInterface network) {
    try {
      return network.isUp();
    } catch (SocketException gone) {
      return false;
    }
  }

  private static boolean isWildcard(String host) {
    return host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
  }
}
