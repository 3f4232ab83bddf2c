package dev.vireo.rpc.it.services;

import dev.vireo.rpc.annotation.Remote;

/** An older version of a service, as an old client compiled it. */
@Remote("it.Greeter")
public interface GreeterV1 {
  String greet(String name);
}
