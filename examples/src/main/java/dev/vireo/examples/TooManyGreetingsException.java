package dev.vireo.examples;

/**
 * A business exception: the method ran and said no. Declared by {@link Greeter#greeting}, so the
 * client rebuilds it as itself, with the server's message.
 */
public final class TooManyGreetingsException extends Exception {
  /** The most greetings one call returns. */
  public static final int LIMIT = 10;

  private static final long serialVersionUID = 1L;

  public TooManyGreetingsException(String message) {
    super(message);
  }
}
