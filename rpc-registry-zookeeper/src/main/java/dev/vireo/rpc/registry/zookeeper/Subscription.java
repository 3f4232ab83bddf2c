package dev.vireo.rpc.registry.zookeeper;

import dev.vireo.rpc.registry.ProviderInfo;
import dev.vireo.rpc.registry.ProviderListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.utils.ZKPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One service's providers, mirrored from ZooKeeper by a {@link CuratorCache} and told to every
 * listener of the service, on the registry's event thread. The cache keeps what it knew while
 * ZooKeeper is unreachable and catches up, re-establishing its watches, when it is back.
 */
final class Subscription implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Subscription.class);

  private final String service;
  private final String path;
  private final CuratorCache cache;
  private final Executor events;
  private final List<ProviderListener> listeners = new CopyOnWriteArrayList<>();
  private volatile boolean loaded;

  Subscription(CuratorFramework client, String service, String path, Executor events) {
    this.service = service;
    this.path = path;
    this.events = events;
    this.cache = CuratorCache.build(client, path);
    cache.listenable().addListener(CuratorCacheListener.builder()
        .forAll((type, before, after) -> {
          if (loaded) {
            tellAll();
          }
        })
        .forInitialized(() -> {
          loaded = true;
          tellAll();
        })
        .build(), events);
  }

  void start() {
    cache.start();
  }

  /** Adds {@code listener}; it hears the current providers at once if they are loaded. */
  void add(ProviderListener listener) {
    listeners.add(listener);
    events.execute(() -> {
      if (loaded && listeners.contains(listener)) {
        tell(listener, providers());
      }
    });
  }

  /** Removes {@code listener}; returns whether none is left. */
  boolean remove(ProviderListener listener) {
    listeners.remove(listener);
    return listeners.isEmpty();
  }

  private void tellAll() {
    List<ProviderInfo> providers = providers();
    listeners.forEach(listener -> tell(listener, providers));
  }

  private void tell(ProviderListener listener, List<ProviderInfo> providers) {
    try {
      listener.providersChanged(providers);
    } catch (RuntimeException e) {
      log.warn("a listener of {} failed", service, e);
    }
  }

  /** The nodes right under the service's path; one that is not a provider's is skipped. */
  private List<ProviderInfo> providers() {
    List<ProviderInfo> providers = new ArrayList<>();
    cache.stream()
        .filter(node -> path.equals(ZKPaths.getPathAndNode(node.getPath()).getPath()))
        .forEach(node -> parse(node).ifPresent(providers::add));
    return List.copyOf(providers);
  }

  private Optional<ProviderInfo> parse(ChildData node) {
    try {
      return Optional.of(ProviderNodes.parse(service, node.getData()));
    } catch (RuntimeException e) {
      log.warn("skipping {}: not a Vireo provider ({})", node.getPath(), e.getMessage());
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    cache.close();
  }
}
