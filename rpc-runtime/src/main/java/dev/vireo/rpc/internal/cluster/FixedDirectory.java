package dev.vireo.rpc.internal.cluster;

import java.util.List;
import java.util.stream.Collectors;

/** Providers given once and for all: the builder's addresses, or an in-process server. */
public final class FixedDirectory implements Directory {
  private final List<Provider> providers;

  public FixedDirectory(List<Provider> providers) {
    this.providers = List.copyOf(providers);
  }

  @Override
  public List<Provider> providers() {
    return providers;
  }

  @Override
  public String describe() {
    return providers.size() == 1
        ? providers.get(0).address()
        : providers.stream().map(Provider::address).collect(Collectors.joining(", ", "[", "]"));
  }

  /** The channels belong to whoever made them: the client closes them. */
  @Override
  public void close() {}
}
