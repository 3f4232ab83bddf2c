package dev.vireo.rpc.internal.serialization;

import dev.vireo.rpc.stub.RecordCodec;
import dev.vireo.rpc.stub.ServiceDescriptor;
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
 * <p>A record the processor found for a service comes with its {@link RecordCodec}, which the
 * serializer uses for it in place of its own.
 *
 * <p>The id is the 32-bit FNV-1a hash of the UTF-8 bytes of {@link Class#getName()}. Two classes
 * whose names hash alike cannot be registered together; the second is refused with both names.
 */
public final class WireTypes {
  private volatile Registrations current = new Registrations(Map.of(), Map.of());

  /**
   * The accepted classes and their ids, and the records' codecs; immutable.
   *
   * @param ids every accepted class and its wire id
   * @param codecs the processor's codec of each record class that has one
   */
  public record Registrations(Map<Class<?>, Integer> ids, Map<Class<?>, RecordCodec<?>> codecs) {}

  /** Adds the wire types of {@code service} and its records' codecs. */
  public synchronized void addAll(ServiceDescriptor service) {
    addAll(service.wireTypes());
    Map<Class<?>, RecordCodec<?>> codecs = new LinkedHashMap<>(current.codecs());
    boolean changed = false;
    for (Map.Entry<Class<?>, RecordCodec<?>> codec : service.recordCodecs().entrySet()) {
      changed |= codecs.putIfAbsent(codec.getKey(), codec.getValue()) == null;
    }
    if (changed) {
      current = new Registrations(current.ids(), Map.copyOf(codecs));
    }
  }

  /** Adds {@code types}; a class already present is ignored. */
  public synchronized void addAll(Collection<Class<?>> types) {
    Map<Class<?>, Integer> ids = current.ids();
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
      current = new Registrations(Map.copyOf(next), current.codecs());
    }
  }

  /** What is registered now; a new instance after every change. */
  public Registrations snapshot() {
    return current;
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
