package dev.vireo.rpc.internal.invoker;

/**
 * Rethrows a checked exception the stub's method declares without wrapping it: the generated
 * method's {@code throws} clause is what makes this sound, since only declared checked exceptions
 * are rebuilt as themselves.
 */
final class Sneaky {
  private Sneaky() {}

  @SuppressWarnings("unchecked")
  static <E extends Throwable> E rethrow(Throwable failure) throws E {
    throw (E) failure;
  }
}
