package dev.vireo.rpc.internal.invoker;

import dev.vireo.rpc.stub.ExceptionFactory;
import java.time.DateTimeException;
import java.util.ConcurrentModificationException;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Well-known unchecked JDK exceptions a client rebuilds as themselves even when the method does
 * not declare them, by constructor reference rather than reflection.
 */
final class KnownExceptions {
  private static final Map<String, ExceptionFactory> FACTORIES = Map.ofEntries(
      Map.entry(IllegalArgumentException.class.getName(), IllegalArgumentException::new),
      Map.entry(IllegalStateException.class.getName(), IllegalStateException::new),
      Map.entry(UnsupportedOperationException.class.getName(), UnsupportedOperationException::new),
      Map.entry(NullPointerException.class.getName(), NullPointerException::new),
      Map.entry(IndexOutOfBoundsException.class.getName(), IndexOutOfBoundsException::new),
      Map.entry(ArrayIndexOutOfBoundsException.class.getName(),
          ArrayIndexOutOfBoundsException::new),
      Map.entry(StringIndexOutOfBoundsException.class.getName(),
          StringIndexOutOfBoundsException::new),
      Map.entry(ArithmeticException.class.getName(), ArithmeticException::new),
      Map.entry(ClassCastException.class.getName(), ClassCastException::new),
      Map.entry(NumberFormatException.class.getName(), NumberFormatException::new),
      Map.entry(ArrayStoreException.class.getName(), ArrayStoreException::new),
      Map.entry(NegativeArraySizeException.class.getName(), NegativeArraySizeException::new),
      Map.entry(SecurityException.class.getName(), SecurityException::new),
      Map.entry(NoSuchElementException.class.getName(), NoSuchElementException::new),
      Map.entry(ConcurrentModificationException.class.getName(),
          ConcurrentModificationException::new),
      Map.entry(DateTimeException.class.getName(), DateTimeException::new));

  private KnownExceptions() {}

  /** The factory for the exception class with this binary name, or null. */
  static ExceptionFactory factory(String className) {
    return FACTORIES.get(className);
  }
}
