package dev.vireo.rpc.registry;

import java.util.List;

/** Told the providers of one service whenever they change. */
@FunctionalInterface
public interface ProviderListener {
  /** {@code providers} is the whole current list, possibly empty; never a delta. */
  void providersChanged(List<ProviderInfo> providers);
}
