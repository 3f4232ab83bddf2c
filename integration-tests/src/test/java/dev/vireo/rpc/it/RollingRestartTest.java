package dev.vireo.rpc.it;

import static com.google.common.truth.Truth.assertWithMessage;
import static org.awaitility.Awaitility.await;

import dev.vireo.rpc.RpcClient;
import dev.vireo.rpc.RpcServer;
import dev.vireo.rpc.it.services.UserService;
import dev.vireo.rpc.registry.zookeeper.ZooKeeperRegistry;
import io.netty.util.LeakPresenceDetector;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A provider closed gracefully while 16 threads keep calling loses no call: whatever it had not
 * run is refused as never run, or never sent to it, and goes to the other provider.
 */
class RollingRestartTest {
  private static final int CALLERS = 16;
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final Deque<AutoCloseable> opened = new ArrayDeque<>();

  @AfterEach
  void stopEverything() throws Exception {
    while (!opened.isEmpty()) {
      opened.pop().close();
    }
    LeakPresenceDetector.check();
  }

  @Test
  void withARegistryNeitherIdempotentNorOtherCallsFail() throws Exception {
    TestingServer zookeeper = new TestingServer(true);
    opened.push(zookeeper);
    RpcServer leaving = provider(registry(zookeeper));
    provider(registry(zookeeper));
    RpcClient client = track(RpcClient.builder().registry(registry(zookeeper))
        .timeout(Duration.ofSeconds(5)).build());

    assertNoCallFailsWhileClosing(client.refer(UserService.class), leaving);
  }

  @Test
  void withFixedAddressesNeitherIdempotentNorOtherCallsFail() throws Exception {
    RpcServer leaving = provider(null);
    RpcServer staying = provider(null);
    RpcClient client = track(RpcClient.builder()
        .address("127.0.0.1", leaving.port()).address("127.0.0.1", staying.port())
        .timeout(Duration.ofSeconds(5)).build());

    assertNoCallFailsWhileClosing(client.refer(UserService.class), leaving);
  }

  private void assertNoCallFailsWhileClosing(UserService users, RpcServer leaving)
      throws InterruptedException {
    Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    AtomicInteger calls = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch done = new CountDownLatch(CALLERS);
    List<ToIntFunction<Long>> kinds = List.of(
        id -> (int) users.getUser(id).id(),                 // @Idempotent
        id -> users.existUser("u" + id + "@vireo.dev") ? 1 : 0); // not
    List<Thread> callers = new ArrayList<>();
    for (int c = 0; c < CALLERS; c++) {
      ToIntFunction<Long> kind = kinds.get(c % 2);
      Thread caller = new Thread(() -> {
        // Bounded: at most 100,000 calls per thread, and the test stops them within seconds.
        for (long i = 0; i < 100_000 && !stop.get(); i++) {
          try {
            kind.applyAsInt(i);
            calls.incrementAndGet();
          } catch (RuntimeException e) {
            failures.computeIfAbsent(e.toString(), k -> new AtomicInteger()).incrementAndGet();
          }
        }
        done.countDown();
      }, "caller-" + c);
      callers.add(caller);
      caller.start();
    }
    try {
      await().atMost(WAIT).until(() -> calls.get() > 2_000);
      leaving.close();
      int afterClose = calls.get();
      await().atMost(WAIT).until(() -> calls.get() > afterClose + 2_000);
    } finally {
      stop.set(true);
      done.await(30, TimeUnit.SECONDS);
    }
    assertWithMessage("failed calls out of %s", calls.get()).that(failures).isEmpty();
  }

  private ZooKeeperRegistry registry(TestingServer zookeeper) {
    return track(ZooKeeperRegistry.connect(zookeeper.getConnectString()));
  }

  private RpcServer provider(ZooKeeperRegistry registry) {
    RpcServer.Builder builder = RpcServer.builder().host("127.0.0.1").port(0).ioThreads(1)
        .shutdownTimeout(Duration.ofSeconds(5));
    if (registry != null) {
      builder.registry(registry);
    }
    RpcServer server = builder.build();
    server.export(UserService.class, new InMemoryUserService());
    server.start();
    return track(server);
  }

  private <T extends AutoCloseable> T track(T resource) {
    opened.push(resource);
    return resource;
  }
}
