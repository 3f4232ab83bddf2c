package dev.vireo.rpc.stub;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A remote method as both sides know it: its wire id, its signature for messages, and how it is
 * called. Generated code builds one constant per method; immutable.
 */
public final class MethodDescriptor {
  private final String serviceName;
  private final String signature;
  private final String name;
  private final int id;
  private final boolean oneway;
  private final boolean idempotent;
  private final long timeoutMillis;
  private final List<DeclaredException> exceptions;

  private MethodDescriptor(Builder builder) {
    this.serviceName = builder.serviceName;
    this.signature = builder.signature;
    this.name = signature.substring(0, signature.indexOf('('));
    this.id = builder.id;
    this.oneway = builder.oneway;
    this.idempotent = builder.idempotent;
    this.timeoutMillis = builder.timeoutMillis;
    this.exceptions = List.copyOf(builder.exceptions);
  }

  /**
   * Starts a descriptor. {@code signature} is the method name and its erased parameter types, as
   * in {@code "getUser(long)"}: the text the wire id is derived from.
   */
  public static Builder builder(String serviceName, String signature, int id) {
    return new Builder(serviceName, signature, id);
  }

  public String serviceName() {
    return serviceName;
  }

  /** The method name and erased parameter types, e.g. {@code getUser(long)}. */
  public String signature() {
    return signature;
  }

  public String name() {
    return name;
  }

  public int id() {
    return id;
  }

  public boolean isOneway() {
    return oneway;
  }

  public boolean isIdempotent() {
    return idempotent;
  }

  /** The method's own deadline from {@code @Timeout}, or 0 for the client's default. */
  public long timeoutMillis() {
    return timeoutMillis;
  }

  /** The exceptions the method declares, most specific first, each with how to rebuild it. */
  public List<DeclaredException> exceptions() {
    return exceptions;
  }

  @Override
  public String toString() {
    return serviceName + "." + signature;
  }

  /** A declared exception type and how the client rebuilds it from a message. */
  public static final class DeclaredException {
    private final Class<? extends Throwable> type;
    private final ExceptionFactory factory;

    DeclaredException(Class<? extends Throwable> type, ExceptionFactory factory) {
      this.type = type;
      this.factory = factory;
    }

    public Class<? extends Throwable> type() {
      return type;
    }

    public ExceptionFactory factory() {
      return factory;
    }
  }

  /** Builds a {@link MethodDescriptor}. */
  public static final class Builder {
    private final String serviceName;
    private final String signature;
    private final int id;
    private boolean oneway;
    private boolean idempotent;
    private long timeoutMillis;
    private final List<DeclaredException> exceptions = new ArrayList<>();

    private Builder(String serviceName, String signature, int id) {
      this.serviceName = Objects.requireNonNull(serviceName, "serviceName");
      this.signature = Objects.requireNonNull(signature, "signature");
      if (signature.indexOf('(') <= 0 || !signature.endsWith(")")) {
        throw new IllegalArgumentException("not a method signature: " + signature);
      }
      this.id = id;
    }

    public Builder oneway() {
      this.oneway = true;
      return this;
    }

    public Builder idempotent() {
      this.idempotent = true;
      return this;
    }

    public Builder timeoutMillis(long timeoutMillis) {
      if (timeoutMillis <= 0) {
        throw new IllegalArgumentException("timeout must be positive: " + timeoutMillis);
      }
      this.timeoutMillis = timeoutMillis;
      return this;
    }

    /** A declared exception the client rebuilds with {@code factory}, e.g. {@code IOException::new}. */
    public Builder exception(Class<? extends Throwable> type, ExceptionFactory factory) {
      exceptions.add(
          new DeclaredException(
              Objects.requireNonNull(type, "type"), Objects.requireNonNull(factory, "factory")));
      return this;
    }

    public MethodDescriptor build() {
      return new MethodDescriptor(this);
    }
  }
}
