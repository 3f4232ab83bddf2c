package dev.vireo.examples;

import dev.vireo.rpc.annotation.Oneway;
import dev.vireo.rpc.annotation.Remote;
import java.util.concurrent.CompletableFuture;

/** A remote service: the processor writes its stub, dispatcher and {@code GreeterAsync}. */
@Remote("examples.Greeter")
public interface Greeter {
  /** A plain call: the caller waits for the answer. */
  String greet(String name);

  /**
   * Returns a record of yours; refuses more than {@link TooManyGreetingsException#LIMIT} times
   * with a business exception, which reaches the caller as itself.
   */
  Greeting greeting(String name, int times) throws TooManyGreetingsException;

  /** Asynchronous on both sides: the caller gets a future, the server answers when it can. */
  CompletableFuture<String> greetLater(String name);

  /** One-way: sent, never answered. */
  @Oneway
  void wave(String name);
}
