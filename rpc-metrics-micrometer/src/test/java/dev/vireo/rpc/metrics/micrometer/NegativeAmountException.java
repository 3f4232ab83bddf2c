package dev.vireo.rpc.metrics.micrometer;

/** What {@link Counter#checkedAdd} throws for a negative amount. */
public final class NegativeAmountException extends Exception {
  private static final long serialVersionUID = 1L;

  public NegativeAmountException(String message) {
    super(message);
  }
}
