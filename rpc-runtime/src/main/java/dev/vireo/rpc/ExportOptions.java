package dev.vireo.rpc;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * How one exported service is served: which methods it exports and where its calls run. By
 * default every method is exported and calls run on the server's shared pool, except the calls
 * of a method that has shown that they finish in microseconds without waiting for anything:
 * those run on the I/O thread that received them, saving two thread hand-offs per call, for as
 * long as they stay short (see {@link Builder#blocking}).
 */
public final class ExportOptions {
  private static final ExportOptions DEFAULTS = builder().build();

  private final Set<String> methods;
  private final int threads;
  private final int queue;
  private final Executor executor;
  private final boolean direct;
  private final boolean blocking;

  private ExportOptions(Builder builder) {
    this.methods = Set.copyOf(builder.methods);
    this.threads = builder.threads;
    this.queue = builder.queue;
    this.executor = builder.executor;
    this.direct = builder.direct;
    this.blocking = builder.blocking;
  }

  public static ExportOptions defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The names of the exported methods; empty means all. */
  public Set<String> methods() {
    return methods;
  }

  /** The size of the service's own pool, or 0 to use the server's shared pool. */
  public int threads() {
    return threads;
  }

  /** How many calls may wait for the service's own pool before new ones get OVERLOADED. */
  public int queue() {
    return queue;
  }

  /** The executor the user brought, or null. */
  public Executor executor() {
    return executor;
  }

  /** Whether calls run on the thread that received them, for non-blocking implementations. */
  public boolean direct() {
    return direct;
  }

  /** Whether calls always run on a pool, however short they prove. */
  public boolean blocking() {
    return blocking;
  }

  /** Builds {@link ExportOptions}. */
  public static final class Builder {
    private final Set<String> methods = new LinkedHashSet<>();
    private int threads;
    private int queue = 256;
    private boolean queueSet;
    private Executor executor;
    private boolean direct;
    private boolean blocking;

    private Builder() {}

    /**
     * Exports only these methods, each name covering all its overloads; calls of the others are
     * answered with {@code METHOD_NOT_FOUND}.
     */
    public Builder methods(String... names) {
      for (String name : names) {
        methods.add(Objects.requireNonNull(name, "method name"));
      }
      return this;
    }

    /** Gives the service its own pool of this many threads, so it cannot starve the others. */
    public Builder threads(int threads) {
      this.threads = Arguments.positive("threads", threads);
      return this;
    }

    /** How many calls may wait for the service's own pool (default 256); needs threads(..). */
    public Builder queue(int queue) {
      this.queue = Arguments.notNegative("queue", queue);
      this.queueSet = true;
      return this;
    }

    /**
     * Runs the service's calls on {@code executor}, which the user owns and shuts down. A rejected
     * call is answered with {@code OVERLOADED}.
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Runs calls on the thread that received them, with no hand-off. Only for implementations that
     * never block: a blocking one stalls every call on the connection.
     */
    public Builder direct(boolean direct) {
      this.direct = direct;
      return this;
    }

    /**
     * Declares that the implementation may block (on I/O, on a lock, on another call) even where
     * its calls are short, so that they always run on the shared pool.
     *
     * <p>By default a method whose calls prove short on the pool (64 in a row under 10 µs each)
     * runs them on the I/O thread that received them (over TCP; in process they stay on the
     * pool). It goes back to the pool when one of them holds that thread over 50 ms, or when
     * their time over 200 µs adds up to as much, and a call still holding it after a second while
     * it waits (parked, sleeping) is interrupted, since it may be waiting for a call that only its
     * own thread would read. The calls of that thread's connections wait meanwhile. A method that
     * waits only now and then (a cache miss, a queue that is usually full) is therefore worth
     * declaring here; so is one that must never be interrupted. Services with {@code threads(..)}
     * or {@code executor(..)} always run on their own threads.
     */
    public Builder blocking(boolean blocking) {
      this.blocking = blocking;
      return this;
    }

    public ExportOptions build() {
      int choices = (threads > 0 ? 1 : 0) + (executor != null ? 1 : 0) + (direct ? 1 : 0);
      if (choices > 1) {
        throw new IllegalArgumentException(
            "choose one of threads(..), executor(..) and direct(true), not several");
      }
      if (blocking && direct) {
        throw new IllegalArgumentException("direct(true) runs calls on the I/O thread, which a"
            + " blocking(true) implementation must not do: choose one");
      }
      if (queueSet && threads == 0) {
        throw new IllegalArgumentException("queue(..) sizes a pool of the service's own: set"
            + " threads(..) too (the shared pool's queue is RpcServer.Builder.queue(..))");
      }
      return new ExportOptions(this);
    }
  }

  @Override
  public String toString() {
    return "ExportOptions{methods=" + (methods.isEmpty() ? "all" : Arrays.toString(
        methods.toArray())) + ", threads=" + threads + ", queue=" + queue + ", executor="
        + executor + ", direct=" + direct + ", blocking=" + blocking + "}";
  }
}
