package dev.vireo.examples;

import dev.vireo.rpc.annotation.Oneway;
import dev.vireo.rpc.annotation.Remote;
import java.util.concurrent.CompletableFuture;

/** A remote service: the processor writes its stub, dispatcher and {@code GreeterAsync}. */
@Remote("examples.Greeter")
public interface Greeter {
  String greet(String name);

  Greeting greeting(String name, int times);

  CompletableFuture<String> greetLater(String name);

  @Oneway
  void wave(String name);
}
