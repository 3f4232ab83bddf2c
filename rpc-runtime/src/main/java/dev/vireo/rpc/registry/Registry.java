package dev.vireo.rpc.registry;

/**
 * Where providers announce themselves and consumers find them. A server {@linkplain #register
 * registers} each service it exports when it starts and {@linkplain #unregister unregisters} it
 * first thing when it closes; a client {@linkplain #subscribe subscribes} to each service it refers
 * to and is told whenever that service's providers change.
 *
 * <p>An implementation keeps a live provider's registration alive by itself (a heartbeat, a
 * session) and removes a provider that stopped heartbeating. While the registry is unreachable it
 * keeps telling subscribers nothing new: they keep the providers they knew. It is thread-safe, and
 * calls listeners from one thread at a time per subscription.
 *
 * <p>{@code dev.vireo.rpc.registry.zookeeper.ZooKeeperRegistry} (module {@code
 * rpc-registry-zookeeper}) is the implementation for production; without a registry, clients use
 * the fixed addresses their builder was given.
 */
public interface Registry extends AutoCloseable {
  /** Announces {@code provider} until it is unregistered or this registry is closed. */
  void register(ProviderInfo provider);

  /** Withdraws {@code provider}; nothing happens if it was not registered. */
  void unregister(ProviderInfo provider);

  /**
   * Calls {@code listener} with every provider of {@code service} (all tags) as soon as they are
   * known, and again with the whole new list whenever it changes.
   */
  void subscribe(String service, ProviderListener listener);

  /** Stops calling {@code listener} about {@code service}. */
  void unsubscribe(String service, ProviderListener listener);

  /** Withdraws this registry's registrations and ends its subscriptions. Idempotent. */
  @Override
  void close();
}
