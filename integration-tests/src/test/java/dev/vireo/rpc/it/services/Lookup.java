package dev.vireo.rpc.it.services;

/** A generic super-interface: its methods are remote with T and K fixed by the sub-interface. */
public interface Lookup<T, K> {
  T get(K key);

  String describe();
}
