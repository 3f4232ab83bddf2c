package dev.vireo.rpc.internal.cluster;

import java.util.List;

/** The providers a cluster may send one service's calls to, as they are now. */
public interface Directory extends AutoCloseable {
  /** The current providers; an immutable snapshot, possibly empty. */
  List<Provider> providers();

  /** Where the providers come from, for messages: addresses, or the registry's subscription. */
  String describe();

  /** Stops following changes and lets go of the providers' connections. */
  @Override
  void close();
}
