package dev.vireo.rpc;

import dev.vireo.rpc.internal.protocol.Bodies;
import dev.vireo.rpc.internal.protocol.FrameHeader;
import dev.vireo.rpc.internal.protocol.ServiceKey;
import dev.vireo.rpc.internal.serialization.ForySerializer;
import dev.vireo.rpc.internal.serialization.WireTypes;
import dev.vireo.rpc.internal.processor.ExportedService;
import dev.vireo.rpc.internal.processor.CallProcessor;
import dev.vireo.rpc.internal.processor.ServerExecutors;
import dev.vireo.rpc.stub.MethodDescriptor;
import dev.vireo.rpc.registry.ProviderInfo;
import dev.vireo.rpc.registry.Registry;
import dev.vireo.rpc.stub.ServiceBinding;
import dev.vireo.rpc.internal.acceptor.Acceptor;
import dev.vireo.rpc.internal.inprocess.InProcessAcceptor;
import dev.vireo.rpc.internal.transport.ConnectionSettings;
import dev.vireo.rpc.internal.transport.Traffic;
import dev.vireo.rpc.internal.acceptor.NettyAcceptor;
import dev.vireo.rpc.internal.acceptor.ServerLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves implementations of {@code @Remote} interfaces. Export services, {@link #start()}, and
 * {@link #close()} when done:
 *
 * <pre>{@code
 * RpcServer server = RpcServer.builder().host("127.0.0.1").port(8080).build();
 * server.export(UserService.class, new UserServiceImpl());
 * server.start();
 * }</pre>
 *
 * <p>Thread-safe. Services may be exported before or after {@code start()}.
 */
public final class RpcServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RpcServer.class);
  private static final ConnectionStats NO_CONNECTIONS = new Traffic();

  private final Acceptor transport;
  private final WireTypes wireTypes = new WireTypes();
  private final CallProcessor processor;
  private final ServerExecutors executors;
  private final Duration shutdownTimeout;
  private final BindingOverrides bindings;
  private final ProviderRegistration registration;
  private final List<ServiceKey> exported = new ArrayList<>();
  private final Object lifecycle = new Object();
  private boolean started;
  private boolean closed;

  private RpcServer(Builder builder) {
    this.transport = builder.transport;
    this.executors = new ServerExecutors(builder.threads, builder.queue);
    this.shutdownTimeout = builder.shutdownTimeout;
    this.bindings = builder.bindings.copy();
    this.registration = builder.registry == null ? null : new ProviderRegistration(
        builder.registry, AdvertisedHost.of(builder.advertisedHost, builder.host),
        builder.weight, builder.metadata);
    wireTypes.addAll(builder.types);
    this.processor = new CallProcessor(new ForySerializer(wireTypes), Bodies.ALLOCATOR,
        builder.interceptors, builder.sendStackTraces);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Exports the default implementation of {@code type}, every method, on the shared pool. */
  public <T> void export(Class<T> type, T implementation) {
    export(type, "", implementation, ExportOptions.defaults());
  }

  /** Exports an implementation of {@code type} under {@code tag}, e.g. {@code "v2"}. */
  public <T> void export(Class<T> type, String tag, T implementation) {
    export(type, tag, implementation, ExportOptions.defaults());
  }

  public <T> void export(Class<T> type, T implementation, ExportOptions options) {
    export(type, "", implementation, options);
  }

  /**
   * Exports {@code implementation} of {@code type} under {@code tag}, served as {@code options}
   * say.
   *
   * @throws IllegalArgumentException if the processor did not run for {@code type}, {@code
   *     implementation} does not implement it, or {@code options} name a method it lacks
   * @throws IllegalStateException if the same type and tag are exported already
   */
  public <T> void export(Class<T> type, String tag, T implementation, ExportOptions options) {
    ServiceBinding<T> binding = bindingOf(Objects.requireNonNull(type, "type"));
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(implementation, "implementation");
    Objects.requireNonNull(options, "options");
    if (!type.isInstance(implementation)) {
      throw new IllegalArgumentException(
          implementation.getClass().getName() + " does not implement " + type.getName());
    }
    ServiceKey key = new ServiceKey(binding.descriptor().name(), tag);
    synchronized (lifecycle) {
      if (closed) {
        throw new IllegalStateException("the server is closed");
      }
      wireTypes.addAll(binding.descriptor());
      Executor executor = executors.forService(key, options);
      processor.add(new ExportedService(key, binding.descriptor(),
          binding.newDispatcher(implementation), exportedIds(binding, options), executor,
          executors.queueShare(executor), executors.placements(binding.descriptor(), options)));
      exported.add(key);
      if (registration != null) {
        registration.exported(key);
      }
    }
  }

  /** Starts accepting calls; returns once clients can reach the server. */
  public void start() {
    synchronized (lifecycle) {
      if (closed) {
        throw new IllegalStateException("the server is closed");
      }
      if (started) {
        throw new IllegalStateException("the server is already started");
      }
      transport.start(processor);
      started = true;
      if (registration != null) {
        registration.started(port(), exported);
      }
    }
    log.info("Vireo server listening at {}", transport.address());
  }

  /**
   * The TCP port the server listens on: the one given to the builder, or the one the system
   * chose for port 0.
   *
   * @throws IllegalStateException if the server is not started, or is in-process
   */
  public int port() {
    if (!(transport instanceof NettyAcceptor tcp)) {
      throw new IllegalStateException("an in-process server has no port");
    }
    return tcp.port();
  }

  /** This server's connections: how many are open, and the bytes they carried. */
  public ConnectionStats connectionStats() {
    return transport instanceof NettyAcceptor tcp ? tcp.traffic() : NO_CONNECTIONS;
  }

  /**
   * Calls waiting in this server's pools because all their threads are busy (not in executors of
   * your own).
   */
  public int queuedCalls() {
    return executors.queued();
  }

  /** Where clients reach this server, e.g. {@code 127.0.0.1:8080} or {@code in-process:users}. */
  public String address() {
    return transport.address();
  }

  /**
   * Withdraws the server's services from its registry, stops accepting connections, tells
   * connected clients it is going away (they send it no new calls), answers calls that still
   * arrive with {@code UNAVAILABLE} (which clients send to another provider), lets calls in flight
   * finish (up to the shutdown timeout), waits briefly for clients to close their connections,
   * then closes the rest and stops the server's threads. Idempotent.
   */
  @Override
  public void close() {
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      closed = true;
    }
    if (registration != null) {
      registration.withdraw();
    }
    transport.stopAccepting();
    transport.goAway();
    try {
      if (!processor.shutDown(shutdownTimeout.toNanos())) {
        log.warn("Vireo server at {}: calls still running after {} ms; closing anyway",
            transport.address(), shutdownTimeout.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      transport.close();
      executors.shutDown(shutdownTimeout.toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  @SuppressWarnings("unchecked") // both lookups return the binding whose interface is type
  private <T> ServiceBinding<T> bindingOf(Class<T> type) {
    ServiceBinding<?> binding = bindings.of(type);
    if (binding.serviceInterface() != type) {
      throw new IllegalArgumentException(type.getName() + " is the asynchronous view of "
          + binding.serviceInterface().getName() + "; export the service interface itself");
    }
    return (ServiceBinding<T>) binding;
  }

  private static Set<Integer> exportedIds(ServiceBinding<?> binding, ExportOptions options) {
    Set<Integer> ids = new LinkedHashSet<>();
    Set<String> unknown = new LinkedHashSet<>(options.methods());
    for (MethodDescriptor method : binding.descriptor().methods()) {
      if (options.methods().contains(method.name())) {
        ids.add(method.id());
        unknown.remove(method.name());
      }
    }
    if (!unknown.isEmpty()) {
      List<String> names = new ArrayList<>();
      binding.descriptor().methods().forEach(m -> names.add(m.name()));
      throw new IllegalArgumentException(binding.descriptor().name() + " has no method named "
          + unknown + "; its methods are " + new LinkedHashSet<>(names));
    }
    return ids;
  }

  /** Builds an {@link RpcServer}. */
  public static final class Builder {
    private Acceptor transport;
    private String host;
    private int port;
    private int ioThreads = Runtime.getRuntime().availableProcessors();
    private int maxFrameSize = FrameHeader.DEFAULT_MAX_BODY_SIZE;
    private Duration heartbeat = Duration.ofSeconds(15);
    private Duration frameTimeout = ConnectionSettings.DEFAULT_FRAME_TIMEOUT;
    private int maxConnections = ServerLimits.DEFAULT_MAX_CONNECTIONS;
    private int maxCallsPerConnection = ServerLimits.DEFAULT_MAX_CALLS_PER_CONNECTION;
    private long maxBytesInFlight = ServerLimits.defaultMaxBytesInFlight();
    private final Set<Class<?>> types = new LinkedHashSet<>();
    private int threads = 64;
    private int queue = 1024;
    private Duration shutdownTimeout = Duration.ofSeconds(10);
    private final List<ServerInterceptor> interceptors = new ArrayList<>();
    private final BindingOverrides bindings = new BindingOverrides();
    private Registry registry;
    private Tls.Server tls;
    private boolean sendStackTraces;
    private String advertisedHost;
    private int weight = ProviderInfo.DEFAULT_WEIGHT;
    private final Map<String, String> metadata = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Registers every exported service in {@code registry} once the server listens, and withdraws
     * them first thing when it closes. The registry stays the caller's to close.
     */
    public Builder registry(Registry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /**
     * The host clients should dial, registered in the registry: needed when the server binds
     * every interface ({@code host} unset) and this machine's own address is not the right one.
     */
    public Builder advertisedHost(String host) {
      this.advertisedHost = Objects.requireNonNull(host, "host");
      return this;
    }

    /**
     * Whether a business exception's stack frames travel to the caller with its class and
     * message (default false: frames tell an attacker how the server is built). For development.
     */
    public Builder sendStackTraces(boolean send) {
      this.sendStackTraces = send;
      return this;
    }

    /** Serves over TLS, mutual TLS if {@code tls} requires client certificates. */
    public Builder tls(Tls.Server tls) {
      this.tls = Objects.requireNonNull(tls, "tls");
      return this;
    }

    /** Publishes {@code key=value} with this server's entries, e.g. a zone or a build version. */
    public Builder metadata(String key, String value) {
      metadata.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** This server's share of calls relative to other providers, published in the registry. */
    public Builder weight(int weight) {
      this.weight = Arguments.positive("weight", weight);
      return this;
    }

    /**
     * Serves the interface of {@code binding} through it instead of through the code the
     * processor generated. A seam for bindings made another way, such as the reflective baseline
     * the benchmarks compare the generated code with; applications never need it.
     */
    public Builder binding(ServiceBinding<?> binding) {
      bindings.add(binding);
      return this;
    }

    /**
     * Adds interceptors that see every call this server runs, in the order given (and in reverse
     * once the call is over).
     */
    public Builder intercept(ServerInterceptor... interceptors) {
      for (ServerInterceptor interceptor : interceptors) {
        this.interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
      }
      return this;
    }

    /** The address to listen on, e.g. {@code "127.0.0.1"}; by default every interface. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** The TCP port to listen on; 0 (the default) lets the system pick a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 0xffff) {
        throw new IllegalArgumentException("not a port: " + port);
      }
      this.port = port;
      return this;
    }

    /** Threads reading and writing connections (default: one per core). */
    public Builder ioThreads(int ioThreads) {
      this.ioThreads = Arguments.positive("ioThreads", ioThreads);
      return this;
    }

    /**
     * The largest request or reply body, in bytes (default 16 MiB). A larger request is answered
     * with {@code BAD_REQUEST}, a larger reply replaced by {@code SERIALIZATION}; the connection
     * carries on.
     */
    public Builder maxFrameSize(int bytes) {
      this.maxFrameSize = Arguments.positive("maxFrameSize", bytes);
      return this;
    }

    /**
     * How many connections the server keeps open at once (default 10,000); one more is closed as
     * soon as it is accepted, and the refusal logged once a minute at most.
     */
    public Builder maxConnections(int connections) {
      this.maxConnections = Arguments.positive("maxConnections", connections);
      return this;
    }

    /**
     * How many calls one connection may have in flight, accepted and not yet answered (default
     * 1,000); a request over it is answered with {@code RESOURCE_EXHAUSTED} at once.
     */
    public Builder maxCallsPerConnection(int calls) {
      this.maxCallsPerConnection = Arguments.positive("maxCallsPerConnection", calls);
      return this;
    }

    /**
     * How many request bytes the calls in flight may hold, all connections together (default 256
     * MiB, or a quarter of the heap if less); one connection may hold a quarter of it, or one
     * frame if that is more. A request over either is answered with {@code RESOURCE_EXHAUSTED}.
     */
    public Builder maxBytesInFlight(long bytes) {
      this.maxBytesInFlight = Arguments.positive("maxBytesInFlight", bytes);
      return this;
    }

    /**
     * How long a frame may take to arrive once its first byte has, and how long a client may leave
     * its replies unread once they fill the connection's buffer (default 30 s); past it the
     * connection is closed.
     */
    public Builder frameTimeout(Duration timeout) {
      this.frameTimeout = Arguments.positive("frameTimeout", Objects.requireNonNull(timeout));
      return this;
    }

    /**
     * How long a connection may stay silent before a heartbeat is sent (default 15 s); after three
     * silent intervals the client is declared dead and its connection closed.
     */
    public Builder heartbeat(Duration interval) {
      this.heartbeat = Objects.requireNonNull(interval, "interval");
      return this;
    }

    /** Serves only this JVM, under {@code name}: no socket, the real serializer. */
    public Builder inProcess(String name) {
      this.transport = new InProcessAcceptor(Objects.requireNonNull(name, "name"));
      return this;
    }

    /**
     * Also accepts these classes on the wire, beyond those the services declare: for subclasses
     * and implementations that travel where a supertype is declared.
     */
    public Builder registerTypes(Class<?>... types) {
      this.types.addAll(Arrays.asList(types));
      return this;
    }

    /** The size of the pool shared by services without their own (default 64). */
    public Builder threads(int threads) {
      this.threads = Arguments.positive("threads", threads);
      return this;
    }

    /** How many calls may wait for the shared pool before new ones get OVERLOADED (1024). */
    public Builder queue(int queue) {
      this.queue = Arguments.notNegative("queue", queue);
      return this;
    }

    /** How long {@link RpcServer#close()} waits for calls in flight (default 10 s). */
    public Builder shutdownTimeout(Duration timeout) {
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("negative shutdown timeout: " + timeout);
      }
      this.shutdownTimeout = timeout;
      return this;
    }

    public RpcServer build() {
      if (transport == null) {
        transport = new NettyAcceptor(host, port, ioThreads,
            new ConnectionSettings(maxFrameSize, heartbeat, ForySerializer.ID, frameTimeout),
            new ServerLimits(maxConnections, maxCallsPerConnection, maxBytesInFlight),
            tls == null ? null : TlsContexts.server(tls));
      } else if (host != null || port != 0) {
        throw new IllegalStateException("an in-process server has no host or port");
      } else if (tls != null) {
        throw new IllegalStateException("an in-process server has no TLS: nothing leaves the JVM");
      } else if (registry != null) {
        throw new IllegalStateException("an in-process server cannot be registered: clients"
            + " find it by its name");
      }
      return new RpcServer(this);
    }
  }
}
