package dev.vireo.rpc.processor.model;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Picks the upper-snake prefix of each method's constants ({@code GET_USER}, {@code
 * GET_USER_ID}, ...) so that no two constants of a generated class collide, whatever the methods
 * are called. Overloads get their parameter types appended: {@code FIND_STRING}, {@code FIND_LONG}.
 */
public final class ConstantNames {
  /** Suffixes the generators append to a method's prefix. */
  private static final String[] SUFFIXES = {"", "_ID", "_RESULT", "_REPLY"};

  private final Set<String> taken = new HashSet<>(Set.of("SERVICE_NAME", "DESCRIPTOR"));

  /** The prefix for one method; {@code overloadTypes} is null when the name is not overloaded. */
  public String prefixFor(String methodName, String overloadTypes) {
    String base = upperSnake(methodName);
    if (overloadTypes != null) {
      base = base + "_" + overloadTypes;
    }
    String candidate = base;
    for (int n = 2; !isFree(candidate); n++) {
      candidate = base + "_" + n;
    }
    for (String suffix : SUFFIXES) {
      taken.add(candidate + suffix);
    }
    return candidate;
  }

  private boolean isFree(String prefix) {
    for (String suffix : SUFFIXES) {
      if (taken.contains(prefix + suffix)) {
        return false;
      }
    }
    return true;
  }

  /** {@code getUser} to {@code GET_USER}; {@code int[]} to {@code INT_ARRAY}. */
  public static String upperSnake(String identifier) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < identifier.length(); i++) {
      char c = identifier.charAt(i);
      if (c == '[') {
        out.append("_ARRAY");
        i++;
        continue;
      }
      if (!Character.isLetterOrDigit(c)) {
        out.append('_');
        continue;
      }
      if (Character.isUpperCase(c) && i > 0 && Character.isLowerCase(identifier.charAt(i - 1))) {
        out.append('_');
      }
      out.append(Character.toUpperCase(c));
    }
    return out.toString().toUpperCase(Locale.ROOT);
  }
}
