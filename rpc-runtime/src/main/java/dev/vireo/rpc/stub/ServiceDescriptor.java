package dev.vireo.rpc.stub;

import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A remote service: its wire name, its methods by id, and the types that may cross the wire for
 * it. Generated code builds one per {@code @Remote} interface; immutable.
 */
public final class ServiceDescriptor {
  private final String name;
  private final List<MethodDescriptor> methods;
  /** Keyed by a primitive int, so the lookup every request makes boxes nothing; never changed. */
  private final IntObjectMap<MethodDescriptor> methodsById;
  private final Set<Class<?>> wireTypes;
  private final Map<Class<?>, RecordCodec<?>> recordCodecs;

  private ServiceDescriptor(Builder builder) {
    this.name = builder.name;
    this.methods = List.copyOf(builder.methods);
    this.wireTypes = Set.copyOf(builder.wireTypes);
    this.recordCodecs = Map.copyOf(builder.recordCodecs);
    IntObjectMap<MethodDescriptor> byId = new IntObjectHashMap<>(methods.size());
    for (MethodDescriptor method : methods) {
      if (!method.serviceName().equals(name)) {
        throw new IllegalArgumentException(method + " does not belong to service " + name);
      }
      MethodDescriptor previous = byId.get(method.id());
      if (previous != null) {
        throw new IllegalArgumentException(
            "method id collision in " + name + ": " + previous.signature() + " and "
                + method.signature());
      }
      byId.put(method.id(), method);
    }
    this.methodsById = byId;
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  public String name() {
    return name;
  }

  /** The remote methods, in declaration order. */
  public List<MethodDescriptor> methods() {
    return methods;
  }

  /** The method with this wire id, or null if the service declares none. */
  public MethodDescriptor method(int id) {
    return methodsById.get(id);
  }

  /**
   * Every class a call of this service may carry besides primitives and strings: parameter and
   * result types and the field types they reach. The serializer accepts these and refuses others.
   */
  public Set<Class<?>> wireTypes() {
    return wireTypes;
  }

  /** The processor's codec of each record among the {@link #wireTypes()}. */
  public Map<Class<?>, RecordCodec<?>> recordCodecs() {
    return recordCodecs;
  }

  @Override
  public String toString() {
    return name;
  }

  /** Builds a {@link ServiceDescriptor}. */
  public static final class Builder {
    private final String name;
    private final List<MethodDescriptor> methods = new ArrayList<>();
    private final Set<Class<?>> wireTypes = new LinkedHashSet<>();
    private final Map<Class<?>, RecordCodec<?>> recordCodecs = new LinkedHashMap<>();

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    public Builder method(MethodDescriptor method) {
      methods.add(Objects.requireNonNull(method, "method"));
      return this;
    }

    public Builder wireType(Class<?> type) {
      wireTypes.add(Objects.requireNonNull(type, "type"));
      return this;
    }

    /** A record class that travels, field by field, through {@code codec}. */
    public <T> Builder wireType(Class<? super T> type, RecordCodec<T> codec) {
      wireType(type);
      recordCodecs.put(type, Objects.requireNonNull(codec, "codec"));
      return this;
    }

    public ServiceDescriptor build() {
      return new ServiceDescriptor(this);
    }
  }
}
