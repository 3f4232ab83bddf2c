package dev.vireo.rpc;

import dev.vireo.rpc.internal.protocol.FrameHeader;
import dev.vireo.rpc.internal.protocol.ServiceKey;
import dev.vireo.rpc.registry.ProviderInfo;
import dev.vireo.rpc.registry.Registry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server's entries in its registry: one per exported service, at the address clients should
 * dial, added once the port is bound and withdrawn first thing on close.
 */
final class ProviderRegistration {
  private static final Logger log = LoggerFactory.getLogger(ProviderRegistration.class);

  private final Registry registry;
  private final String host;
  private final int weight;
  private final Map<String, String> metadata;
  private final List<ProviderInfo> registered = new ArrayList<>();
  private int port;

  ProviderRegistration(Registry registry, String host, int weight,
      Map<String, String> metadata) {
    this.registry = registry;
    this.host = host;
    this.weight = weight;
    this.metadata = Map.copyOf(metadata);
  }

  /** Registers what was exported so far, now that the server listens on {@code port}. */
  synchronized void started(int port, List<ServiceKey> exported) {
    this.port = port;
    exported.forEach(this::register);
  }

  /** Registers a service exported after the server started; before, {@link #started} will. */
  synchronized void exported(ServiceKey service) {
    if (port != 0) {
      register(service);
    }
  }

  /** Withdraws every entry; a registry that fails to is logged, never allowed to stop a close. */
  synchronized void withdraw() {
    for (ProviderInfo provider : registered) {
      try {
        registry.unregister(provider);
      } catch (RuntimeException e) {
        log.warn("could not unregister {}", provider, e);
      }
    }
    registered.clear();
    port = 0;
  }

  private void register(ServiceKey service) {
    ProviderInfo provider = new ProviderInfo(service.name(), service.tag(), host, port, weight,
        FrameHeader.VERSION, metadata);
    registry.register(provider);
    registered.add(provider);
  }
}
