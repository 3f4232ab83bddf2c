package dev.vireo.rpc.it;

import static com.google.common.truth.Truth.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vireo.rpc.CallInfo;
import dev.vireo.rpc.CallOutcome;
import dev.vireo.rpc.ExportOptions;
import dev.vireo.rpc.LoadBalancer;
import dev.vireo.rpc.RpcClient;
import dev.vireo.rpc.RpcException;
import dev.vireo.rpc.RpcServer;
import dev.vireo.rpc.RpcStatus;
import dev.vireo.rpc.ServerInterceptor;
import dev.vireo.rpc.it.services.Primitives;
import dev.vireo.rpc.it.services.User;
import dev.vireo.rpc.it.services.UserService;
import dev.vireo.rpc.it.services.UserServiceAsync;
import io.netty.util.LeakPresenceDetector;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Several providers, several connections to one, and where each service's calls run. */
class ProvidersAndPoolsTest {
  @Test
  void callsAreSpreadOverEveryAddressGiven() {
    InMemoryUserService first = new InMemoryUserService("first-");
    InMemoryUserService second = new InMemoryUserService("second-");
    try (RpcServer one = tcpServer(server -> server.export(UserService.class, first));
        RpcServer two = tcpServer(server -> server.export(UserService.class, second));
        RpcClient client = RpcClient.builder()
            .address("127.0.0.1", one.port()).address("127.0.0.1", two.port()).build()) {
      UserService users = client.refer(UserService.class);

      await().atMost(Duration.ofSeconds(10)).until(() -> {
        users.getUser(1);
        return !first.threads.isEmpty() && !second.threads.isEmpty();
      });
    }
    LeakPresenceDetector.check();
  }

  @Test
  void connectionsOpensThatManyConnectionsToOneProvider() throws Exception {
    try (RpcServer server = tcpServer(s -> s.export(UserService.class, new InMemoryUserService()));
        CountingProxy proxy = new CountingProxy(server.port());
        RpcClient client = RpcClient.builder()
            .address("127.0.0.1", proxy.port()).connections(3).build()) {
      UserService users = client.refer(UserService.class);

      await().atMost(Duration.ofSeconds(10)).until(() -> proxy.accepted() == 3);
      for (long id = 0; id < 30; id++) {
        assertThat(users.getUser(id).id()).isEqualTo(id);
      }
      assertThat(proxy.accepted()).isEqualTo(3);
    }
    LeakPresenceDetector.check();
  }

  @Test
  void aServiceRunsOnTheExecutorItWasExportedWithWhichTheServerLeavesRunning() {
    ExecutorService executor = Executors.newFixedThreadPool(2, task -> new Thread(task, "mine"));
    InMemoryUserService implementation = new InMemoryUserService();
    try {
      try (RpcServer server = tcpServer(s -> s.export(UserService.class, implementation,
              ExportOptions.builder().executor(executor).build()));
          RpcClient client = RpcClient.builder().address("127.0.0.1", server.port()).build()) {
        client.refer(UserService.class).getUser(7);
      }

      assertThat(implementation.threads).containsExactly("mine");
      assertThat(executor.isShutdown()).isFalse();
    } finally {
      executor.shutdownNow();
    }
    LeakPresenceDetector.check();
  }

  @Test
  void aCallItsExecutorCannotTakeIsAnsweredAsNotRunAndTheConnectionCarriesOn() {
    Executor cannotStartAThread = task -> {
      throw new OutOfMemoryError("unable to create native thread, as the test asks");
    };
    try (RpcServer server = tcpServer(s -> s.export(UserService.class,
            new InMemoryUserService(), ExportOptions.builder().executor(cannotStartAThread).build()));
        RpcClient client = RpcClient.builder().address("127.0.0.1", server.port()).build()) {
      UserService users = client.refer(UserService.class);

      for (int call = 0; call < 2; call++) {
        RpcException refused = assertThrows(RpcException.class, () -> users.getUser(1));
        assertThat(refused.status()).isEqualTo(RpcStatus.INTERNAL);
        assertThat(refused.mayHaveRun()).isFalse();
        assertThat(refused).hasMessageThat().contains("unable to create native thread");
      }
    }
    LeakPresenceDetector.check();
  }

  @Test
  void aLoadBalancerThatThrowsEndsTheCallWithAClearError() {
    LoadBalancer broken = new LoadBalancer() {
      @Override
      public <C extends Candidate> C pick(List<C> candidates, CallInfo call, int affinity) {
        throw new IllegalStateException("no pick, as the test asks");
      }
    };
    // Two providers: with one, the balancer has nothing to choose and is not asked.
    try (RpcServer one = tcpServer(s -> s.export(UserService.class, new InMemoryUserService()));
        RpcServer two = tcpServer(s -> s.export(UserService.class, new InMemoryUserService()));
        RpcClient client = RpcClient.builder().address("127.0.0.1", one.port())
            .address("127.0.0.1", two.port()).loadBalancer(broken).build()) {
      RpcException failed = assertThrows(RpcException.class,
          () -> client.refer(UserService.class).getUser(1));

      assertThat(failed.status()).isEqualTo(RpcStatus.INTERNAL);
      assertThat(failed.mayHaveRun()).isFalse();
      assertThat(failed).hasMessageThat().contains("no pick, as the test asks");
    }
    LeakPresenceDetector.check();
  }

  @Test
  void aLoadBalancerThatThrowsAfterARefusalSaysTheCallDidNotRun() {
    try (RpcServer without = tcpServer(s -> s.export(Primitives.class, new PrimitivesTest.Impl()));
        RpcServer with = tcpServer(s -> s.export(UserService.class, new InMemoryUserService()));
        RpcClient client = RpcClient.builder().address("127.0.0.1", without.port())
            .address("127.0.0.1", with.port())
            .loadBalancer(new Prefers(without.port(), /* orElseThrow= */ true)).build()) {
      UserService users = client.refer(UserService.class);
      await().atMost(Duration.ofSeconds(10))
          .until(() -> client.connectionStats().openConnections() == 2);

      RpcException failed = assertThrows(RpcException.class, () -> users.getUser(1));

      assertThat(failed.status()).isEqualTo(RpcStatus.INTERNAL);
      assertThat(failed).hasMessageThat().contains("no pick, as the test asks");
      assertThat(failed.mayHaveRun()).isFalse();
    }
    LeakPresenceDetector.check();
  }

  @Test
  void aCallThatMayHaveRunOnOneProviderSaysSoWhenTheNextRefusesIt() throws Exception {
    try (ServerSocket dropper = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        RpcServer without = tcpServer(s -> s.export(Primitives.class, new PrimitivesTest.Impl()))) {
      Thread dropping = new Thread(() -> takeARequestAndDropTheConnection(dropper), "dropper");
      dropping.start();
      try (RpcClient client = RpcClient.builder().address("127.0.0.1", dropper.getLocalPort())
          .address("127.0.0.1", without.port())
          .loadBalancer(new Prefers(dropper.getLocalPort(), /* orElseThrow= */ false)).build()) {
        UserService users = client.refer(UserService.class);
        await().atMost(Duration.ofSeconds(10))
            .until(() -> client.connectionStats().openConnections() == 2);

        // getUser is @Idempotent: lost on the first provider, it is sent to the second.
        RpcException failed = assertThrows(RpcException.class, () -> users.getUser(1));

        assertThat(failed.status()).isEqualTo(RpcStatus.SERVICE_NOT_FOUND);
        assertThat(failed.mayHaveRun()).isTrue();
        assertThat(failed).hasMessageThat().contains("an earlier try");
      } finally {
        dropper.close();
        dropping.join(10_000);
      }
    }
    LeakPresenceDetector.check();
  }

  @Test
  void aRefusalReachesTheCallerWhenNoOtherProviderCanTakeTheCall() throws Exception {
    int silent;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      silent = closed.getLocalPort();
    }
    try (RpcServer without = tcpServer(s -> s.export(Primitives.class, new PrimitivesTest.Impl()));
        RpcClient client = RpcClient.builder().address("127.0.0.1", silent)
            .address("127.0.0.1", without.port()).build()) {
      UserService users = client.refer(UserService.class);

      // A call that finds the silent address in the middle of a connection attempt is told that
      // it could not connect there; any other is told what the server that was reached said.
      await().atMost(Duration.ofSeconds(10)).until(() -> assertThrows(RpcException.class,
          () -> users.getUser(1)).status() == RpcStatus.SERVICE_NOT_FOUND);
    }
    LeakPresenceDetector.check();
  }

  /** Accepts connections until {@code listener} closes; reads a byte of each, then drops it. */
  private static void takeARequestAndDropTheConnection(ServerSocket listener) {
    try {
      while (true) {
        try (Socket connection = listener.accept()) {
          connection.getInputStream().read();
        }
      }
    } catch (IOException closed) {
      // the test closed the listener
    }
  }

  /**
   * Picks the provider on {@code port} when it is a candidate; otherwise the first candidate, or
   * throws if {@code orElseThrow}.
   */
  private record Prefers(int port, boolean orElseThrow) implements LoadBalancer {
    @Override
    public <C extends Candidate> C pick(List<C> candidates, CallInfo call, int affinity) {
      for (C candidate : candidates) {
        if (candidate.address().endsWith(":" + port)) {
          return candidate;
        }
      }
      if (orElseThrow) {
        throw new IllegalStateException("no pick, as the test asks");
      }
      return candidates.get(0);
    }
  }

  @Test
  void aCallOverAConnectionsLimitReachesTheServersInterceptorsUnnamed() throws Exception {
    List<String> ends = new CopyOnWriteArrayList<>();
    ServerInterceptor recorder = new ServerInterceptor() {
      @Override
      public void onEnd(CallInfo call, CallOutcome outcome) {
        ends.add(call.service() + " " + call.method() + " " + outcome.statusName());
      }
    };
    InMemoryUserService implementation = new InMemoryUserService();
    try (RpcServer server = RpcServer.builder().host("127.0.0.1").port(0).ioThreads(1)
            .maxCallsPerConnection(1).intercept(recorder).build()) {
      server.export(UserService.class, implementation);
      server.start();
      try (RpcClient client = RpcClient.builder().address("127.0.0.1", server.port()).build()) {
        UserServiceAsync users = client.refer(UserServiceAsync.class);
        CompletableFuture<Void> holding = users.sleep(60_000);
        assertThat(implementation.sleeping.tryAcquire(5, TimeUnit.SECONDS)).isTrue();

        assertThat(statusOf(users.getUser(1))).isEqualTo(RpcStatus.RESOURCE_EXHAUSTED);

        assertThat(ends).containsExactly("<unknown> <unknown> RESOURCE_EXHAUSTED");
        implementation.wakeUp.countDown();
        holding.get(5, TimeUnit.SECONDS);
      }
    }
    LeakPresenceDetector.check();
  }

  @Test
  void callsTheirCallersCancelSayNothingAgainstTheProvider() throws Exception {
    InMemoryUserService first = new InMemoryUserService("first-");
    try (RpcServer one = tcpServer(s -> s.export(UserService.class, first));
        RpcServer two = tcpServer(s -> s.export(UserService.class,
            new InMemoryUserService("second-")));
        RpcClient client = RpcClient.builder().address("127.0.0.1", one.port())
            .address("127.0.0.1", two.port())
            .loadBalancer(new Prefers(one.port(), /* orElseThrow= */ false)).build()) {
      UserServiceAsync users = client.refer(UserServiceAsync.class);
      await().atMost(Duration.ofSeconds(10))
          .until(() -> client.connectionStats().openConnections() == 2);

      // More than the five failures in a row that eject a provider, were they failures.
      for (int call = 0; call < 6; call++) {
        CompletableFuture<User> pending = users.findLater("later");
        CompletableFuture<User> onServer = first.pendingFinds.poll(5, TimeUnit.SECONDS);
        assertThat(onServer).isNotNull();
        pending.cancel(true);
        onServer.complete(User.sample(call));
      }

      assertThat(users.getUser(1).get(5, TimeUnit.SECONDS).name()).startsWith("first-");
    }
    LeakPresenceDetector.check();
  }

  @Test
  void aServiceWhosePoolIsFullDoesNotHoldUpAnother() throws Exception {
    InMemoryUserService slow = new InMemoryUserService();
    try (RpcServer server = tcpServer(s -> {
          s.export(UserService.class, slow, ExportOptions.builder().threads(1).queue(0).build());
          s.export(Primitives.class, new PrimitivesTest.Impl());
        });
        RpcClient client = RpcClient.builder().address("127.0.0.1", server.port()).build()) {
      UserServiceAsync users = client.refer(UserServiceAsync.class);
      Primitives primitives = client.refer(Primitives.class);
      CompletableFuture<Void> busy = users.sleep(60_000);
      assertThat(slow.sleeping.tryAcquire(5, TimeUnit.SECONDS)).isTrue();

      assertThat(statusOf(users.getUser(1))).isEqualTo(RpcStatus.OVERLOADED);
      assertThat(primitives.nextInt(41)).isEqualTo(42);
      assertThat(busy.isDone()).isFalse();

      slow.wakeUp.countDown();
      busy.handle((ok, failure) -> null).get(5, TimeUnit.SECONDS);
    }
    LeakPresenceDetector.check();
  }

  private static RpcServer tcpServer(Consumer<RpcServer> exports) {
    RpcServer server = RpcServer.builder().host("127.0.0.1").port(0).ioThreads(1)
        .shutdownTimeout(Duration.ofSeconds(5)).build();
    exports.accept(server);
    server.start();
    return server;
  }

  private static RpcStatus statusOf(CompletableFuture<?> failedCall) {
    Exception thrown = assertThrows(Exception.class, () -> failedCall.get(5, TimeUnit.SECONDS));
    assertThat(thrown.getCause()).isInstanceOf(RpcException.class);
    return ((RpcException) thrown.getCause()).status();
  }
}
