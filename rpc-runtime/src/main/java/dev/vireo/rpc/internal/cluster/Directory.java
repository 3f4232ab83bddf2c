package dev.vireo.rpc.internal.cluster;

import java.time.Duration;
import java.util.List;

/** The providers a cluster may send one service's calls to, as they are now. */
public interface Directory extends AutoCloseable {
  /** The current providers; an immutable snapshot, possibly empty. */
  List<Provider> providers();

  /**
   * Waits up to {@code timeout} until a first provider is known; returns at once if one ever
   * was. A directory that knows its providers from the start never waits.
   */
  default void awaitFirstProvider(Duration timeout) throws InterruptedException {}

  /** Where the providers come from, for messages: addresses, or the registry's subscription. */
  String describe();

  /** Stops following changes and lets go of the providers' connections. */
  @Override
  void close();
}
