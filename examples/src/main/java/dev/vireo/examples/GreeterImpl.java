package dev.vireo.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The server's implementation: plain Java, nothing to extend. */
public final class GreeterImpl implements Greeter {
  @Override
  public String greet(String name) {
    return "Hello, " + name + "!";
  }

  @Override
  public Greeting greeting(String name, int times) throws TooManyGreetingsException {
    if (times > TooManyGreetingsException.LIMIT) {
      throw new TooManyGreetingsException(times + " greetings for " + name + "? "
          + TooManyGreetingsException.LIMIT + " at most");
    }
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= times; i++) {
      lines.add(i + ". Hello, " + name);
    }
    return new Greeting(name, lines);
  }

  @Override
  public CompletableFuture<String> greetLater(String name) {
    return CompletableFuture.supplyAsync(() -> "Hello later, " + name);
  }

  @Override
  public void wave(String name) {
    System.out.println("(the server saw " + name + " wave)");
  }
}
