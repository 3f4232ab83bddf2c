package dev.vireo.rpc;

import dev.vireo.rpc.internal.cluster.Cluster;
import dev.vireo.rpc.internal.cluster.ConnectionPool;
import dev.vireo.rpc.internal.cluster.Directory;
import dev.vireo.rpc.internal.cluster.FixedDirectory;
import dev.vireo.rpc.internal.cluster.Provider;
import dev.vireo.rpc.internal.cluster.RegistryDirectory;
import dev.vireo.rpc.internal.connector.ClientResources;
import dev.vireo.rpc.internal.inprocess.InProcessChannel;
import dev.vireo.rpc.internal.interception.InterceptorChain;
import dev.vireo.rpc.internal.invoker.ServiceInvoker;
import dev.vireo.rpc.internal.protocol.Bodies;
import dev.vireo.rpc.internal.protocol.FrameHeader;
import dev.vireo.rpc.internal.protocol.ServiceKey;
import dev.vireo.rpc.internal.serialization.ForySerializer;
import dev.vireo.rpc.internal.serialization.Serializer;
import dev.vireo.rpc.internal.serialization.WireTypes;
import dev.vireo.rpc.internal.transport.ConnectionSettings;
import dev.vireo.rpc.internal.transport.Traffic;
import dev.vireo.rpc.registry.ProviderInfo;
import dev.vireo.rpc.registry.Registry;
import dev.vireo.rpc.stub.ServiceBinding;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Calls services of a server through stubs the processor generated: no dynamic proxy, no
 * reflection.
 *
 * <pre>{@code
 * RpcClient client = RpcClient.builder().address("127.0.0.1", 8080).build();
 * UserService users = client.refer(UserService.class);
 * User user = users.getUser(42);
 * }</pre>
 *
 * <p>Providers come from fixed addresses, from a {@link Registry}, or from an in-process server;
 * each call goes to the one the {@link LoadBalancer} picks, and a call that provably never reached
 * a provider is sent to another.
 *
 * <p>Thread-safe; stubs are too, and are meant to be shared. {@link #close()} fails calls still
 * waiting with {@code CANCELLED}.
 */
public final class RpcClient implements AutoCloseable {
  private static final ConnectionStats NO_CONNECTIONS = new Traffic();

  private final ClientResources resources;
  private final ConnectionPool pool;
  private final Directory fixedProviders;
  private final Registry registry;
  private final LoadBalancer balancer;
  private final int retries;
  private final Map<ServiceKey, Cluster> clusters = new HashMap<>();
  private volatile boolean closed;
  private final WireTypes wireTypes = new WireTypes();
  private final Serializer serializer = new ForySerializer(wireTypes);
  private final Duration timeout;
  private final InterceptorChain<ClientInterceptor> interceptors;
  private final BindingOverrides bindings;

  private RpcClient(Builder builder) {
    this.resources = builder.resources;
    this.pool = builder.pool;
    this.fixedProviders = builder.fixedProviders;
    this.registry = builder.registry;
    this.balancer = builder.balancer;
    this.retries = builder.retries;
    this.timeout = builder.timeout;
    this.bindings = builder.bindings.copy();
    this.interceptors = new InterceptorChain<>(builder.interceptors, ClientInterceptor::onStart,
        ClientInterceptor::onEnd);
    wireTypes.addAll(builder.types);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A stub for the default implementation of {@code type}: a {@code @Remote} interface or its
   * generated {@code XAsync} view.
   *
   * @throws IllegalArgumentException if the processor did not run for {@code type}
   */
  public <T> T refer(Class<T> type) {
    return refer(type, "");
  }

  /** A stub for the implementation exported under {@code tag}. */
  public <T> T refer(Class<T> type, String tag) {
    return refer(bindings.of(Objects.requireNonNull(type, "type")), type, tag);
  }

  /** {@code type} is the binding's service interface or its asynchronous view. */
  private <T> T refer(ServiceBinding<?> binding, Class<T> type, String tag) {
    Objects.requireNonNull(tag, "tag");
    wireTypes.addAll(binding.descriptor());
    ServiceKey key = new ServiceKey(binding.descriptor().name(), tag);
    ServiceInvoker invoker = new ServiceInvoker(key, clusterFor(key), serializer,
        Bodies.ALLOCATOR, resources != null, timeout, interceptors);
    Object stub = binding.serviceInterface() == type
        ? binding.newStub(invoker)
        : binding.newAsyncStub(invoker);
    return type.cast(stub);
  }

  /** This client's connections: how many are open, and the bytes they carried. */
  public ConnectionStats connectionStats() {
    return resources != null ? resources.traffic() : NO_CONNECTIONS;
  }

  /**
   * The cluster every stub of {@code key} shares. With a registry, the first one subscribes to
   * the service; each waits, up to the client's timeout, until a first provider is known, without
   * holding up the references of other services meanwhile.
   */
  private Cluster clusterFor(ServiceKey key) {
    Cluster cluster;
    synchronized (clusters) {
      if (closed) {
        throw new IllegalStateException("the client is closed");
      }
      cluster = clusters.get(key);
      if (cluster == null) {
        Directory directory = fixedProviders;
        if (registry != null) {
          RegistryDirectory followed =
              new RegistryDirectory(registry, key.name(), key.tag(), pool);
          followed.follow();
          directory = followed;
        }
        cluster = new Cluster(key.name(), key.tag(), directory, balancer, retries);
        clusters.put(key, cluster);
      }
    }
    try {
      cluster.awaitFirstProvider(timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (closed) {
      throw new IllegalStateException("the client is closed");
    }
    return cluster;
  }

  /**
   * Fails calls still waiting with {@code CANCELLED}, ends the client's subscriptions and closes
   * its connections. The registry, if any, stays open: it is the caller's. Idempotent.
   */
  @Override
  public void close() {
    List<Cluster> closing;
    synchronized (clusters) {
      if (closed) {
        return;
      }
      closed = true;
      closing = List.copyOf(clusters.values());
    }
    // The connections first: a cluster's directory gives its providers back to the pool, which
    // retires a connection no service holds, letting its calls wait for their replies. Outside
    // the lock: closing a connection waits for its event loop, which may be waiting for a refer.
    try {
      pool.close();
    } finally {
      closing.forEach(Cluster::close);
    }
    if (resources != null) {
      resources.close();
    }
  }

  /** Builds an {@link RpcClient}. */
  public static final class Builder {
    private ClientResources resources;
    private ConnectionPool pool;
    private Directory fixedProviders;
    private Registry registry;
    private Tls.Client tls;
    private LoadBalancer balancer = LoadBalancer.roundRobin();
    private int retries = 2;
    private String inProcessName;
    private final List<InetSocketAddress> addresses = new ArrayList<>();
    private int connections = 1;
    private int ioThreads = Math.min(4, Runtime.getRuntime().availableProcessors());
    private int maxFrameSize = FrameHeader.DEFAULT_MAX_BODY_SIZE;
    private Duration heartbeat = Duration.ofSeconds(15);
    private Duration frameTimeout = ConnectionSettings.DEFAULT_FRAME_TIMEOUT;
    private Duration connectTimeout = Duration.ofSeconds(3);
    private final List<ClientInterceptor> interceptors = new ArrayList<>();
    private Duration timeout = Duration.ofSeconds(5);
    private final Set<Class<?>> types = new LinkedHashSet<>();
    private final BindingOverrides bindings = new BindingOverrides();

    private Builder() {}

    /**
     * Refers to the interface of {@code binding}, and its asynchronous view, through it instead of
     * through the code the processor generated. A seam for bindings made another way, such as the
     * reflective baseline the benchmarks compare the generated code with; applications never need
     * it.
     */
    public Builder binding(ServiceBinding<?> binding) {
      bindings.add(binding);
      return this;
    }

    /** Calls the in-process server of this name (see {@link RpcServer.Builder#inProcess}). */
    public Builder inProcess(String name) {
      this.inProcessName = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Finds the providers of each referred service in {@code registry} and follows them as they
     * come and go, instead of fixed addresses. The registry stays the caller's to close.
     */
    public Builder registry(Registry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /** Connects over TLS; the server's certificate must name the host dialled, by default. */
    public Builder tls(Tls.Client tls) {
      this.tls = Objects.requireNonNull(tls, "tls");
      return this;
    }

    /** How each call picks its provider (default {@link LoadBalancer#roundRobin()}). */
    public Builder loadBalancer(LoadBalancer balancer) {
      this.balancer = Objects.requireNonNull(balancer, "balancer");
      return this;
    }

    /**
     * How many times a call of an {@code @Idempotent} method whose connection broke while it was
     * in flight is sent again, to another provider when there is one, inside its deadline
     * (default 2). A call that provably never reached a provider is always sent to another one,
     * whatever this says.
     */
    public Builder retries(int retries) {
      this.retries = Arguments.notNegative("retries", retries);
      return this;
    }

    /** A provider to call directly; several calls name several providers, shared by the calls. */
    public Builder address(String host, int port) {
      if (port <= 0 || port > 0xffff) {
        throw new IllegalArgumentException("not a port: " + port);
      }
      addresses.add(InetSocketAddress.createUnresolved(Objects.requireNonNull(host, "host"), port));
      return this;
    }

    /** Connections to each provider (default 1: one connection carries many calls at once). */
    public Builder connections(int connections) {
      this.connections = Arguments.positive("connections", connections);
      return this;
    }

    /** Threads reading and writing connections (default: up to 4). */
    public Builder ioThreads(int ioThreads) {
      this.ioThreads = Arguments.positive("ioThreads", ioThreads);
      return this;
    }

    /**
     * The largest request or reply body, in bytes (default 16 MiB). A larger request fails with
     * {@code BAD_REQUEST} before it is sent, a larger reply with {@code SERIALIZATION}; other calls
     * on the connection carry on.
     */
    public Builder maxFrameSize(int bytes) {
      this.maxFrameSize = Arguments.positive("maxFrameSize", bytes);
      return this;
    }

    /**
     * How long a reply may take to arrive once its first byte has (default 30 s); past it the
     * connection is closed and its calls fail with {@code UNAVAILABLE}.
     */
    public Builder frameTimeout(Duration timeout) {
      this.frameTimeout = Arguments.positive("frameTimeout", Objects.requireNonNull(timeout));
      return this;
    }

    /**
     * How long a connection may stay silent before a heartbeat is sent (default 15 s); after three
     * silent intervals the provider is declared dead, its calls fail with {@code UNAVAILABLE}, and
     * the client reconnects.
     */
    public Builder heartbeat(Duration interval) {
      this.heartbeat = Objects.requireNonNull(interval, "interval");
      return this;
    }

    /**
     * Adds interceptors that see every call this client makes, in the order given (and in reverse
     * once the call is over).
     */
    public Builder intercept(ClientInterceptor... interceptors) {
      for (ClientInterceptor interceptor : interceptors) {
        this.interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
      }
      return this;
    }

    /** How long one connection attempt may take (default 3 s). */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** The deadline of calls whose method has no {@code @Timeout} (default 5 s). */
    public Builder timeout(Duration timeout) {
      if (timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException("timeout must be positive: " + timeout);
      }
      this.timeout = timeout;
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

    public RpcClient build() {
      int sources = (inProcessName != null ? 1 : 0) + (addresses.isEmpty() ? 0 : 1)
          + (registry != null ? 1 : 0);
      if (sources != 1) {
        throw new IllegalStateException(sources == 0
            ? "say where the providers are: address(host, port), registry(..) or inProcess(name)"
            : "choose one of inProcess(name), address(host, port) and registry(..)");
      }
      if (inProcessName != null) {
        if (tls != null) {
          throw new IllegalStateException("an in-process client has no TLS: nothing leaves the"
              + " JVM");
        }
        String name = inProcessName;
        pool = new ConnectionPool((server, unused) -> new InProcessChannel(name));
        fixedProviders = new FixedDirectory(List.of(new Provider("in-process:" + name, null,
            ProviderInfo.DEFAULT_WEIGHT, pool.acquire(name, 0))));
        return new RpcClient(this);
      }
      resources = new ClientResources(ioThreads, connectTimeout,
          new ConnectionSettings(maxFrameSize, heartbeat, ForySerializer.ID, frameTimeout),
          tls == null ? null : TlsContexts.client(tls));
      pool = new ConnectionPool((host, port) -> resources.transportTo(host, port, connections));
      if (!addresses.isEmpty()) {
        List<Provider> providers = new ArrayList<>();
        for (InetSocketAddress address : addresses) {
          String host = address.getHostString();
          providers.add(new Provider(host + ":" + address.getPort(), address,
              ProviderInfo.DEFAULT_WEIGHT, pool.acquire(host, address.getPort())));
        }
        fixedProviders = new FixedDirectory(providers);
      }
      return new RpcClient(this);
    }
  }
}
