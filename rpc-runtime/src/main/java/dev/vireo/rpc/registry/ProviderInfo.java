package dev.vireo.rpc.registry;

import java.util.Map;
import java.util.Objects;

/**
 * One exported implementation as a provider publishes it: what a consumer needs to choose it and
 * dial it.
 *
 * @param service the service name on the wire
 * @param tag the implementation's tag, {@code ""} for the default one
 * @param host the address clients dial: an IP address or a host name
 * @param port the TCP port
 * @param weight how large a share of calls it should get relative to the others, at least 1
 * @param protocolVersion the version of the wire protocol it speaks
 * @param metadata anything else worth publishing, such as a zone or a build version
 */
public record ProviderInfo(String service, String tag, String host, int port, int weight,
    int protocolVersion, Map<String, String> metadata) {
  /** The weight a provider gets unless its server says otherwise. */
  public static final int DEFAULT_WEIGHT = 100;

  public ProviderInfo {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(host, "host");
    if (service.isEmpty() || host.isEmpty()) {
      throw new IllegalArgumentException("a provider needs a service name and a host");
    }
    if (port <= 0 || port > 0xffff) {
      throw new IllegalArgumentException("not a port: " + port);
    }
    if (weight < 1) {
      throw new IllegalArgumentException("weight must be at least 1: " + weight);
    }
    metadata = Map.copyOf(metadata);
  }

  /** {@code host:port}, the address a client connects to. */
  public String address() {
    return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
  }

  @Override
  public String toString() {
    return service + (tag.isEmpty() ? "" : ":" + tag) + "@" + address();
  }
}
