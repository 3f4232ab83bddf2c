package dev.vireo.rpc.it.services;

import dev.vireo.rpc.annotation.Remote;

@Remote
public interface Shapes {
  double area(Figure figure);

  String describe(Object anything);

  /** A value whose class travels only where both sides registered it. */
  Object origin();
}
