package dev.vireo.rpc.it.services;

import dev.vireo.rpc.annotation.Remote;

/** The newer version of {@link GreeterV1}: a method added before the old one. */
@Remote("it.Greeter")
public interface GreeterV2 {
  String shout(String name);

  String greet(String name);
}
