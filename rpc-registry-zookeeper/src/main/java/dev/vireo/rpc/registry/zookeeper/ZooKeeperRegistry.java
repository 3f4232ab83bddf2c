package dev.vireo.rpc.registry.zookeeper;

import dev.vireo.rpc.registry.ProviderInfo;
import dev.vireo.rpc.registry.ProviderListener;
import dev.vireo.rpc.registry.Registry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.CreateMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Registry} on Apache ZooKeeper, through Apache Curator.
 *
 * <pre>{@code
 * try (Registry registry = ZooKeeperRegistry.connect("127.0.0.1:2181")) {
 *   RpcServer server = RpcServer.builder().port(0).registry(registry).build();
 *   RpcClient client = RpcClient.builder().registry(registry).build();
 * }
 * }</pre>
 *
 * <p>Each registered provider is an ephemeral node (the layout is in {@code docs/discovery.md}):
 * the ZooKeeper session is the provider's heartbeat, so a provider whose process dies disappears
 * when its session expires. After a session expiry a live provider's nodes are created again by
 * themselves, and subscriptions re-establish their watches. While ZooKeeper is unreachable,
 * subscribers keep the providers they knew and catch up when it is back.
 */
public final class ZooKeeperRegistry implements Registry {
  private static final Logger log = LoggerFactory.getLogger(ZooKeeperRegistry.class);

  private final CuratorFramework client;
  private final ProviderNodes nodes;
  private final String description;
  private final Duration registerTimeout;
  private final ExecutorService events = Executors.newSingleThreadExecutor(task -> {
    Thread thread = new Thread(task, "vireo-zookeeper-events");
    thread.setDaemon(true);
    return thread;
  });
  /** Deletes withdrawn nodes, each on a thread of its own: a delete waits out ZooKeeper. */
  private final ExecutorService withdrawals = Executors.newCachedThreadPool(task -> {
    Thread thread = new Thread(task, "vireo-zookeeper-withdraw");
    thread.setDaemon(true);
    return thread;
  });
  private final Map<ProviderInfo, PersistentNode> registered = new HashMap<>();
  private final Map<String, Subscription> subscriptions = new HashMap<>();
  private boolean closed;

  private ZooKeeperRegistry(Builder builder) {
    this.nodes = new ProviderNodes(builder.root);
    this.description = "ZooKeeper at " + builder.connectString + builder.root;
    this.registerTimeout = builder.connectTimeout;
    this.client = CuratorFrameworkFactory.builder()
        .connectString(builder.connectString)
        .sessionTimeoutMs((int) builder.sessionTimeout.toMillis())
        .connectionTimeoutMs((int) builder.connectTimeout.toMillis())
        .retryPolicy(new ExponentialBackoffRetry(200, 10, 5_000))
        .build();
  }

  /** Connects with the defaults: root {@code /vireo}, 15 s sessions, 5 s to connect. */
  public static ZooKeeperRegistry connect(String connectString) {
    return builder(connectString).connect();
  }

  /** {@code connectString}: ZooKeeper's {@code host:port[,host:port...]}. */
  public static Builder builder(String connectString) {
    return new Builder(connectString);
  }

  private ZooKeeperRegistry start() {
    client.start();
    boolean connected;
    try {
      connected = client.blockUntilConnected((int) registerTimeout.toMillis(),
          TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      connected = false;
    }
    if (!connected) {
      client.close();
      events.shutdownNow();
      withdrawals.shutdownNow();
      throw new IllegalStateException("could not connect to " + description + " within "
          + registerTimeout.toMillis() + " ms");
    }
    return this;
  }

  /**
   * Creates the provider's node and waits, up to the connect timeout, until ZooKeeper has it; if
   * ZooKeeper is unreachable meanwhile, the node is created as soon as it is back.
   */
  @Override
  public void register(ProviderInfo provider) {
    Objects.requireNonNull(provider, "provider");
    PersistentNode node = new PersistentNode(client, CreateMode.EPHEMERAL, false,
        nodes.pathOf(provider), ProviderNodes.data(provider));
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException(description + " is closed");
      }
      if (registered.containsKey(provider)) {
        return;
      }
      registered.put(provider, node);
    }
    node.start();
    try {
      if (!node.waitForInitialCreate(registerTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("{}: not registered yet after {} ms; it will be when ZooKeeper answers",
            provider, registerTimeout.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Deletes the provider's node, waiting up to the connect timeout until ZooKeeper has; while
   * ZooKeeper is unreachable it does not wait, and the node goes when ZooKeeper is back (or, if
   * this registry is closed first, when its session ends).
   */
  @Override
  public void unregister(ProviderInfo provider) {
    PersistentNode node;
    synchronized (this) {
      node = registered.remove(provider);
    }
    if (node != null) {
      withdraw(List.of(node));
    }
  }

  /**
   * Deletes {@code nodes} all at once, waiting as {@link #unregister} says. A delete through
   * Curator retries until ZooKeeper answers, which can take a minute: a server closing while
   * ZooKeeper is down must not wait for it before it tells its clients it is going away.
   */
  private void withdraw(List<PersistentNode> nodes) {
    if (nodes.isEmpty()) {
      return;
    }
    CompletableFuture<?>[] deletes = new CompletableFuture<?>[nodes.size()];
    for (int i = 0; i < deletes.length; i++) {
      PersistentNode node = nodes.get(i);
      try {
        deletes[i] = CompletableFuture.runAsync(() -> closeQuietly(node), withdrawals);
      } catch (RejectedExecutionException closing) {
        closeQuietly(node); // this registry closed meanwhile and took the others with it
        deletes[i] = CompletableFuture.completedFuture(null);
      }
    }
    if (!client.getZookeeperClient().isConnected()) {
      log.warn("{} is unreachable: {} registrations are withdrawn when it is back", description,
          nodes.size());
      return;
    }
    try {
      CompletableFuture.allOf(deletes).get(registerTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException slow) {
      log.warn("{}: registrations not withdrawn after {} ms; they are when ZooKeeper answers, or"
          + " when the session ends", description, registerTimeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException failed) {
      log.warn("{}: could not withdraw a registration", description, failed.getCause());
    }
  }

  @Override
  public void subscribe(String service, ProviderListener listener) {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(listener, "listener");
    Subscription subscription;
    boolean fresh = false;
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException(description + " is closed");
      }
      subscription = subscriptions.get(service);
      if (subscription == null) {
        subscription = new Subscription(client, service, nodes.providersOf(service), events);
        subscriptions.put(service, subscription);
        fresh = true;
      }
      subscription.add(listener);
    }
    if (fresh) {
      subscription.start();
    }
  }

  @Override
  public void unsubscribe(String service, ProviderListener listener) {
    Subscription ended = null;
    synchronized (this) {
      Subscription subscription = subscriptions.get(service);
      if (subscription != null && subscription.remove(listener)) {
        subscriptions.remove(service);
        ended = subscription;
      }
    }
    if (ended != null) {
      ended.close();
    }
  }

  /** Withdraws every registration, ends every subscription, and disconnects. Idempotent. */
  @Override
  public void close() {
    List<PersistentNode> nodesToClose;
    List<Subscription> subscriptionsToClose;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      nodesToClose = new ArrayList<>(registered.values());
      subscriptionsToClose = new ArrayList<>(subscriptions.values());
      registered.clear();
      subscriptions.clear();
    }
    if (client.getZookeeperClient().isConnected()) {
      withdraw(nodesToClose);
    } else {
      // A delete would fail once the client below is closed: the session's end removes them.
      log.warn("{} is unreachable: its {} registrations go when its session ends", description,
          nodesToClose.size());
    }
    subscriptionsToClose.forEach(Subscription::close);
    events.shutdown();
    withdrawals.shutdown();
    client.close();
  }

  private static void closeQuietly(PersistentNode node) {
    try {
      node.close();
    } catch (Exception e) {
      log.warn("could not delete {}", node.getActualPath(), e);
    }
  }

  @Override
  public String toString() {
    return description;
  }

  /** The Curator client, for tests that break its session or watch its connection. */
  CuratorFramework curator() {
    return client;
  }

  /** Options of a {@link ZooKeeperRegistry}. */
  public static final class Builder {
    private final String connectString;
    private String root = "/vireo";
    private Duration sessionTimeout = Duration.ofSeconds(15);
    private Duration connectTimeout = Duration.ofSeconds(5);

    private Builder(String connectString) {
      this.connectString = Objects.requireNonNull(connectString, "connectString");
    }

    /** The node every Vireo path starts under (default {@code /vireo}). */
    public Builder root(String root) {
      this.root = Objects.requireNonNull(root, "root");
      return this;
    }

    /**
     * How long ZooKeeper waits for a silent provider before its nodes vanish (default 15 s): the
     * longest a dead provider stays listed.
     */
    public Builder sessionTimeout(Duration timeout) {
      this.sessionTimeout = positive(timeout);
      return this;
    }

    /** How long {@link #connect()} and each registration wait for ZooKeeper (default 5 s). */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout);
      return this;
    }

    /**
     * A registry connected to ZooKeeper.
     *
     * @throws IllegalStateException if ZooKeeper did not answer within the connect timeout
     */
    public ZooKeeperRegistry connect() {
      new ProviderNodes(root);
      return new ZooKeeperRegistry(this).start();
    }

    private static Duration positive(Duration timeout) {
      if (timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException("must be positive: " + timeout);
      }
      return timeout;
    }
  }
}
