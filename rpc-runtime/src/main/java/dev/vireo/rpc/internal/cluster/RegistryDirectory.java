package dev.vireo.rpc.internal.cluster;

import dev.vireo.rpc.internal.channel.CallChannel;
import dev.vireo.rpc.internal.protocol.FrameHeader;
import dev.vireo.rpc.internal.protocol.ServiceKey;
import dev.vireo.rpc.registry.ProviderInfo;
import dev.vireo.rpc.registry.ProviderListener;
import dev.vireo.rpc.registry.Registry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The providers of one service and tag as a registry reports them: those speaking this client's
 * protocol version, each on a channel from the client's pool. A provider that leaves gives its
 * channel back; until the registry says so, a client keeps every provider it knew.
 *
 * <p>A report of no provider of this tag is not believed while some are known: when a registry's
 * sessions all expire at once (ZooKeeper back after an outage), the nodes vanish and come back
 * in any order (another tag's first, say), and believing it would fail every call meanwhile. The
 * known providers stay until the registry lists one of this tag again, lists a known address
 * with another protocol version (an upgraded server, which cannot serve this client), or has
 * listed none for {@link #DISBELIEF}, far longer than live providers take to register again;
 * meanwhile one that really left is found by its connection (it said it was going away, or it
 * cannot be reached).
 */
public final class RegistryDirectory implements Directory, ProviderListener {
  private static final Logger log = LoggerFactory.getLogger(RegistryDirectory.class);
  /** How long a report of no provider is disbelieved. */
  static final Duration DISBELIEF = Duration.ofMinutes(1);

  private final Registry registry;
  private final String service;
  private final String tag;
  /** {@code service:tag}, for messages. */
  private final String shown;
  private final ConnectionPool pool;
  private final CountDownLatch firstProviders = new CountDownLatch(1);
  private Map<String, Entry> byAddress = new LinkedHashMap<>();
  private volatile List<Provider> providers = List.of();
  /** When the registry first reported no provider that was not believed; 0 if none is. */
  private volatile long disbelievedSinceNanos;
  private final LongSupplier clock;
  private boolean closed;

  public RegistryDirectory(Registry registry, String service, String tag, ConnectionPool pool) {
    this(registry, service, tag, pool, System::nanoTime);
  }

  /** {@code clock}: {@link System#nanoTime()}, or a test's. */
  RegistryDirectory(Registry registry, String service, String tag, ConnectionPool pool,
      LongSupplier clock) {
    this.registry = registry;
    this.service = service;
    this.tag = tag;
    this.shown = new ServiceKey(service, tag).toString();
    this.pool = pool;
    this.clock = clock;
  }

  /** Subscribes: the providers are known as the registry reports them. */
  public void follow() {
    registry.subscribe(service, this);
  }

  @Override
  public void awaitFirstProvider(Duration timeout) throws InterruptedException {
    firstProviders.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public synchronized void providersChanged(List<ProviderInfo> reported) {
    if (closed || pool.isClosed()) {
      return;
    }
    Map<String, Entry> next = new LinkedHashMap<>();
    for (ProviderInfo info : reported) {
      if (!info.tag().equals(tag) || info.protocolVersion() != FrameHeader.VERSION) {
        continue;
      }
      Entry known = byAddress.get(info.address());
      if (known == null) {
        CallChannel channel = pool.acquire(info.host(), info.port());
        next.put(info.address(), new Entry(info, new Provider(info.address(),
            InetSocketAddress.createUnresolved(info.host(), info.port()), info.weight(), channel)));
      } else if (known.info.weight() != info.weight()) {
        next.put(info.address(), new Entry(info, known.provider.reweighted(info.weight())));
      } else {
        next.put(info.address(), known);
      }
    }
    if (next.isEmpty() && !byAddress.isEmpty() && !upgradedAway(reported)) {
      if (disbelievedSinceNanos == 0) {
        disbelievedSinceNanos = clock.getAsLong();
        log.warn("Vireo: {} lists no provider of {} any more; keeping the {} known until it"
            + " lists one, for {} s at most", registry, shown, byAddress.size(),
            DISBELIEF.toSeconds());
      }
      return;
    }
    replaceWith(next);
  }

  /** Lets go of the providers not in {@code next}, and follows those in it. */
  private void replaceWith(Map<String, Entry> next) {
    disbelievedSinceNanos = 0;
    byAddress.forEach((address, gone) -> {
      if (!next.containsKey(address)) {
        pool.release(gone.info.host(), gone.info.port());
      }
    });
    byAddress = next;
    providers = next.values().stream().map(Entry::provider).toList();
    if (!next.isEmpty()) {
      firstProviders.countDown();
    }
  }

  /** Whether {@code reported} lists a known provider's address with another protocol version. */
  private boolean upgradedAway(List<ProviderInfo> reported) {
    for (ProviderInfo info : reported) {
      if (info.tag().equals(tag) && info.protocolVersion() != FrameHeader.VERSION
          && byAddress.containsKey(info.address())) {
        return true;
      }
    }
    return false;
  }

  @Override
  public List<Provider> providers() {
    if (disbeliefIsOver()) {
      believeNoProvider();
    }
    return providers;
  }

  /** Whether a report of no provider has been disbelieved for {@link #DISBELIEF}. */
  private boolean disbeliefIsOver() {
    long since = disbelievedSinceNanos;
    return since != 0 && clock.getAsLong() - since > DISBELIEF.toNanos();
  }

  /** The registry has listed no provider for too long to doubt it: the known ones go. */
  private synchronized void believeNoProvider() {
    if (disbeliefIsOver() && !closed) {
      log.info("Vireo: {} has listed no provider of {} for {} s; letting the known ones go",
          registry, shown, DISBELIEF.toSeconds());
      replaceWith(new LinkedHashMap<>());
    }
  }

  @Override
  public String describe() {
    return "the providers of " + shown + " in " + registry + " " + providers;
  }

  @Override
  public void close() {
    registry.unsubscribe(service, this);
    synchronized (this) {
      closed = true;
      byAddress.values().forEach(e -> pool.release(e.info.host(), e.info.port()));
      byAddress = Map.of();
      providers = List.of();
    }
    firstProviders.countDown(); // a refer still waiting learns that the client closed
  }

  private record Entry(ProviderInfo info, Provider provider) {}
}
