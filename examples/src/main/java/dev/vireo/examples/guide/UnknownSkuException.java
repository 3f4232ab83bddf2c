package dev.vireo.examples.guide;

/** A business exception {@link Inventory#item(String)} declares. */
public final class UnknownSkuException extends Exception {
  private static final long serialVersionUID = 1L;

  public UnknownSkuException(String message) {
    super(message);
  }
}
