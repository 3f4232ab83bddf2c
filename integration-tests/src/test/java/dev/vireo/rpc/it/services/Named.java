package dev.vireo.rpc.it.services;

/** Declares {@code describe()} again, so UserService inherits it twice (a diamond). */
public interface Named {
  String describe();
}
