package dev.vireo.rpc.internal.serialization;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The classes a serializer accepts, each with a wire id derived from its binary name, so both
 * peers give a class the same id whatever order their services were exported or referred in.
 * Types are only ever added; every addition makes a new {@link #snapshot()}, so a serializer can
 * tell by identity whether what it built from the last one is stale.
 *
 * <p>The id is the 32-bit FNV-1a hash of the UTF-8 bytes of {@link Class#getName()}. Two classes
 * whose names hash alike cannot be registered together; the second is refused with both names.
 */
public final class WireTypes {
  private volatile Map<Class<?>, Integer> ids = Map.of();

  /** Adds {@code types}; a class already present is ignored. */
  public synchronized void addAll(Collection<Class<?>> types) {
    Map<Class<?>, Integer> next = new LinkedHashMap<>(ids);
    Map<Integer, Class<?>> byId = new LinkedHashMap<>();
    next.forEach((type, id) -> byId.put(id, type));
    boolean changed = false;
    for (Class<?> type : types) {
      if (next.containsKey(type)) {
        continue;
      }
      if (type.isPrimitive() || type.isArray()) {
        throw new IllegalArgumentException(
            "register the element class, not " + type.getTypeName()
                + ": primitives and arrays of registered classes are always accepted");
      }
      int id = idOf(type);
      Class<?> clash = byId.putIfAbsent(id, type);
      if (clash != null) {
        throw new IllegalArgumentException(String.format(
            "%s and %s have the same wire type id 0x%08x; rename one of them",
            clash.getName(), type.getName(), id));
      }
      next.put(type, id);
      changed = true;
    }
    if (changed) {
      ids = Map.copyOf(next);
    }
  }

  /** The accepted classes and their ids; an immutable snapshot. */
  public Map<Class<?>, Integer> snapshot() {
    return ids;
  }

  public static int idOf(Class<?> type) {
    int hash = 0x811c9dc5;
    for (byte b : type.getName().getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x01000193;
    }
    // Fory reserves 0xffffffff; fold it onto a neighbour rather than refuse the class.
    return hash == -1 ? -2 : hash;
  }
}
