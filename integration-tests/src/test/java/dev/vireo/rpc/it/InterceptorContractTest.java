package dev.vireo.rpc.it;

import static com.google.common.truth.Truth.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vireo.rpc.CallInfo;
import dev.vireo.rpc.CallOutcome;
import dev.vireo.rpc.ClientInterceptor;
import dev.vireo.rpc.ExportOptions;
import dev.vireo.rpc.RpcException;
import dev.vireo.rpc.RpcServer;
import dev.vireo.rpc.RpcStatus;
import dev.vireo.rpc.ServerInterceptor;
import dev.vireo.rpc.it.services.Figure;
import dev.vireo.rpc.it.services.Point;
import dev.vireo.rpc.it.services.Primitives;
import dev.vireo.rpc.it.services.Shapes;
import dev.vireo.rpc.it.services.ShapesAsync;
import dev.vireo.rpc.it.services.User;
import dev.vireo.rpc.it.services.UserNotFoundException;
import dev.vireo.rpc.it.services.UserService;
import dev.vireo.rpc.it.services.UserServiceAsync;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every call is seen by the interceptors on each side exactly once at its start and once at its
 * end, through the same {@link CallInfo}, with its outcome: whatever happened to it.
 */
@ParameterizedClass
@EnumSource(Transport.class)
class InterceptorContractTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Parameter Transport transport;

  private final Recorder client = new Recorder();
  private final Recorder server = new Recorder();
  private final InMemoryUserService users = new InMemoryUserService();

  @Test
  void aCallThatReturnsStartsAndEndsOkOnBothSides() {
    try (Loopback loopback = start(s -> s.export(UserService.class, users))) {
      loopback.client.refer(UserService.class).getUser(1);

      assertThat(client.events).containsExactly("start getUser(long) BLOCKING",
          "end getUser(long) OK").inOrder();
      assertThat(server.events).containsExactly("start getUser(long) BLOCKING",
          "end getUser(long) OK").inOrder();
      if (transport == Transport.TCP) {
        assertThat(((InetSocketAddress) client.peers.get(0)).getPort())
            .isEqualTo(loopback.server.port());
        assertThat(server.peers.get(0)).isNotNull();
      } else {
        assertThat(client.peers).containsExactly((Object) null);
      }
    }
  }

  @Test
  void aBusinessExceptionEndsAsApplicationError() {
    try (Loopback loopback = start(s -> s.export(UserService.class, users))) {
      UserService service = loopback.client.refer(UserService.class);

      assertThrows(UserNotFoundException.class, () -> service.load(-1));

      assertThat(client.ends()).containsExactly("end load(long) APPLICATION_ERROR");
      assertThat(server.ends()).containsExactly("end load(long) APPLICATION_ERROR");
    }
  }

  @Test
  void asynchronousAndOneWayCallsSayWhatKindTheyAre() throws Exception {
    try (Loopback loopback = start(s -> s.export(UserService.class, users))) {
      loopback.client.refer(UserServiceAsync.class).getUser(2).get(5, TimeUnit.SECONDS);
      loopback.client.refer(UserService.class).audit("seen");

      assertThat(client.events).containsExactly(
          "start getUser(long) ASYNC", "end getUser(long) OK",
          "start audit(java.lang.String) ONEWAY", "end audit(java.lang.String) OK").inOrder();
      await().atMost(WAIT).until(() -> server.events.size() == 4);
      assertThat(server.events).containsAtLeast("start getUser(long) BLOCKING",
          "start audit(java.lang.String) ONEWAY", "end audit(java.lang.String) OK");
    }
  }

  @Test
  void aCallThatTimesOutEndsWithTimeoutOnTheClient() {
    try (Loopback loopback = start(s -> s.export(UserService.class, users))) {
      try {
        assertThrows(RpcException.class, () -> loopback.client.refer(UserService.class)
            .sleep(60_000));

        assertThat(client.ends()).containsExactly("end sleep(long) TIMEOUT");
      } finally {
        users.wakeUp.countDown();
      }
      await().atMost(WAIT).until(() -> server.ends().equals(List.of("end sleep(long) OK")));
    }
  }

  @Test
  void aCallAClientInterceptorRefusesStartsAndEndsThereAndNeverLeaves() {
    ClientInterceptor refuser = new ClientInterceptor() {
      @Override
      public void onStart(CallInfo call) {
        throw new RpcException(RpcStatus.UNAUTHENTICATED, "no credentials");
      }
    };
    try (Loopback loopback = Loopback.start(transport, s -> s.intercept(server),
        s -> s.export(UserService.class, users), c -> c.intercept(client, refuser))) {
      RpcException refused = assertThrows(RpcException.class,
          () -> loopback.client.refer(UserService.class).getUser(1));

      assertThat(refused.status()).isEqualTo(RpcStatus.UNAUTHENTICATED);
      assertThat(client.events).containsExactly("start getUser(long) BLOCKING",
          "end getUser(long) UNAUTHENTICATED").inOrder();
      assertThat(server.events).isEmpty();
    }
  }

  @Test
  void anErrorFromAnInterceptorNeitherHangsACallNorEscapesIt() throws Exception {
    ClientInterceptor failsAtTheEnd = new ClientInterceptor() {
      @Override
      public void onEnd(CallInfo call, CallOutcome outcome) {
        throw new AssertionError("at the end, as the test asks");
      }
    };
    ClientInterceptor failsAtTheStart = new ClientInterceptor() {
      @Override
      public void onStart(CallInfo call) {
        throw new NoClassDefFoundError("at the start, as the test asks");
      }
    };
    try (Loopback ending = Loopback.start(transport, s -> s.intercept(server),
        s -> s.export(UserService.class, users), c -> c.intercept(client, failsAtTheEnd))) {
      User user = ending.client.refer(UserServiceAsync.class).getUser(1).get(5, TimeUnit.SECONDS);

      assertThat(user.id()).isEqualTo(1);
      assertThat(client.ends()).containsExactly("end getUser(long) OK");
    }
    client.events.clear();
    try (Loopback starting = Loopback.start(transport, s -> s.intercept(server),
        s -> s.export(UserService.class, users), c -> c.intercept(client, failsAtTheStart))) {
      RpcException refused = assertThrows(RpcException.class,
          () -> starting.client.refer(UserService.class).getUser(1));

      assertThat(refused.status()).isEqualTo(RpcStatus.INTERNAL);
      assertThat(refused.mayHaveRun()).isFalse();
      assertThat(client.events).containsExactly("start getUser(long) BLOCKING",
          "end getUser(long) INTERNAL").inOrder();
    }
  }

  @Test
  void aNullAttachmentFromAClientInterceptorFailsTheCallThereAndItNeverLeaves() {
    ClientInterceptor careless = new ClientInterceptor() {
      @Override
      public void onStart(CallInfo call) {
        call.attachments().put("tenant", null);
      }
    };
    try (Loopback loopback = Loopback.start(transport, s -> s.intercept(server),
        s -> s.export(UserService.class, users), c -> c.intercept(client, careless))) {
      RpcException failed = assertThrows(RpcException.class,
          () -> loopback.client.refer(UserService.class).getUser(1));

      assertThat(failed.status()).isEqualTo(RpcStatus.INTERNAL);
      assertThat(failed.mayHaveRun()).isFalse();
      assertThat(failed).hasMessageThat().contains("null");
      assertThat(client.events).containsExactly("start getUser(long) BLOCKING",
          "end getUser(long) INTERNAL").inOrder();
      assertThat(server.events).isEmpty();
    }
  }

  @Test
  void aServerCallStartsWhenItIsReceivedSoItsWaitForAThreadCounts() throws Exception {
    AtomicLong getUserStarted = new AtomicLong();
    ServerInterceptor timing = new ServerInterceptor() {
      @Override
      public void onStart(CallInfo call) {
        if (call.method().equals("getUser(long)")) {
          getUserStarted.set(call.startNanos());
        }
      }
    };
    try (Loopback loopback = Loopback.start(transport, s -> s.intercept(timing),
        s -> s.export(UserService.class, users,
            ExportOptions.builder().threads(1).queue(8).build()), c -> {})) {
      UserServiceAsync async = loopback.client.refer(UserServiceAsync.class);
      CompletableFuture<Void> holding = async.sleep(60_000);
      assertThat(users.sleeping.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
      CompletableFuture<User> waiting = async.getUser(1);
      await().atMost(WAIT).until(() -> loopback.server.queuedCalls() == 1);
      long queuedBefore = System.nanoTime();

      users.wakeUp.countDown();
      holding.get(5, TimeUnit.SECONDS);
      waiting.get(5, TimeUnit.SECONDS);

      assertThat(getUserStarted.get()).isLessThan(queuedBefore);
    }
  }

  @Test
  void aCallStillQueuedWhenTheServerStopsEndsUnavailable() throws Exception {
    Loopback loopback = Loopback.start(transport,
        s -> s.intercept(server).shutdownTimeout(Duration.ofMillis(100)),
        s -> s.export(UserService.class, users,
            ExportOptions.builder().threads(1).queue(8).build()), c -> {});
    try {
      UserServiceAsync async = loopback.client.refer(UserServiceAsync.class);
      async.sleep(60_000);
      assertThat(users.sleeping.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
      async.getUser(1);
      await().atMost(WAIT).until(() -> loopback.server.queuedCalls() == 1);

      loopback.server.close();

      assertThat(server.ends()).contains("end getUser(long) UNAVAILABLE");
    } finally {
      users.wakeUp.countDown();
      loopback.close();
    }
  }

  @Test
  void aServerInterceptorsScopeEnclosesTheImplementationAndOneThatFailsChangesNothing() {
    List<String> seen = new CopyOnWriteArrayList<>();
    ServerInterceptor scoped = new ServerInterceptor() {
      @Override
      public AutoCloseable enter(CallInfo call) {
        seen.add("enter on " + Thread.currentThread().getName());
        return () -> seen.add("close on " + Thread.currentThread().getName());
      }

      @Override
      public void onEnd(CallInfo call, CallOutcome outcome) {
        seen.add("end " + outcome.statusName());
      }
    };
    ServerInterceptor failing = new ServerInterceptor() {
      @Override
      public AutoCloseable enter(CallInfo call) {
        throw new IllegalStateException("no scope, as the test asks");
      }
    };
    try (Loopback loopback = Loopback.start(transport, s -> s.intercept(scoped, failing),
        s -> s.export(UserService.class, users), c -> {})) {
      assertThat(loopback.client.refer(UserService.class).getUser(1).id()).isEqualTo(1);

      await().atMost(WAIT).until(() -> seen.size() == 3);
      String implementation = users.threads.iterator().next();
      assertThat(seen).containsExactly("enter on " + implementation,
          "close on " + implementation, "end OK").inOrder();
    }
  }

  @Test
  void anAsyncCallItsCallerCancelsEndsAsCancelled() throws Exception {
    try (Loopback loopback = start(s -> s.export(UserService.class, users))) {
      CompletableFuture<User> pending =
          loopback.client.refer(UserService.class).findLater("later");
      CompletableFuture<User> onServer = users.pendingFinds.poll(5, TimeUnit.SECONDS);
      assertThat(onServer).isNotNull();

      pending.cancel(true);

      await().atMost(WAIT).until(() -> !client.ends().isEmpty());
      assertThat(client.ends()).containsExactly("end findLater(java.lang.String) CANCELLED");
      onServer.complete(User.sample(1));
    }
  }

  @Test
  void callsTheServerRefusesBeforeRunningReachItsInterceptors() {
    try (Loopback loopback = start(s -> s.export(UserService.class, users,
        ExportOptions.builder().methods("getUser").build()))) {
      assertThrows(RpcException.class, () -> loopback.client.refer(Primitives.class).nextInt(1));
      assertThrows(RpcException.class,
          () -> loopback.client.refer(UserService.class).existUser("a"));

      // A name the client made up would be a metric or a span per name: none is passed on.
      assertThat(server.ends()).containsExactly("end <unknown> SERVICE_NOT_FOUND",
          "end existUser(java.lang.String) METHOD_NOT_FOUND").inOrder();
      assertThat(server.services).containsExactly(CallInfo.UNKNOWN, "it.UserService").inOrder();
      assertThat(server.events).hasSize(4);
      assertThat(client.ends()).containsExactly("end nextInt(int) SERVICE_NOT_FOUND",
          "end existUser(java.lang.String) METHOD_NOT_FOUND").inOrder();
    }
  }

  @Test
  void aCallRefusedForAFullQueueReachesTheServersInterceptors() throws Exception {
    try (Loopback loopback = start(s -> s.export(UserService.class, users,
        ExportOptions.builder().threads(1).queue(0).build()))) {
      CompletableFuture<Void> busy = loopback.client.refer(UserServiceAsync.class).sleep(60_000);
      assertThat(users.sleeping.tryAcquire(5, TimeUnit.SECONDS)).isTrue();

      assertThrows(RpcException.class, () -> loopback.client.refer(UserService.class).getUser(1));

      assertThat(server.ends()).containsExactly("end getUser(long) OVERLOADED");
      users.wakeUp.countDown();
      busy.handle((ok, failure) -> null).get(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void aResultTheClientCannotDecodeEndsAsSerializationWhetherBlockingOrAsync() {
    try (Loopback loopback = Loopback.start(transport,
        s -> s.intercept(server).registerTypes(Point.class),
        s -> s.export(Shapes.class, new Origin()), c -> c.intercept(client))) {
      RpcException blocking = assertThrows(RpcException.class,
          () -> loopback.client.refer(Shapes.class).origin());
      ExecutionException async = assertThrows(ExecutionException.class,
          () -> loopback.client.refer(ShapesAsync.class).origin().get(5, TimeUnit.SECONDS));

      assertThat(blocking.status()).isEqualTo(RpcStatus.SERIALIZATION);
      assertThat(((RpcException) async.getCause()).status()).isEqualTo(RpcStatus.SERIALIZATION);
      assertThat(client.ends()).containsExactly("end origin() SERIALIZATION",
          "end origin() SERIALIZATION");
      assertThat(server.ends()).containsExactly("end origin() OK", "end origin() OK");
    }
  }

  @Test
  void aResultTheServerCannotEncodeEndsOnceAsSerialization() {
    try (Loopback loopback = start(s -> s.export(Shapes.class, new Origin()))) {
      RpcException failed = assertThrows(RpcException.class,
          () -> loopback.client.refer(Shapes.class).origin());

      assertThat(failed.status()).isEqualTo(RpcStatus.SERIALIZATION);
      assertThat(server.events).containsExactly("start origin() BLOCKING",
          "end origin() SERIALIZATION").inOrder();
    }
  }

  private Loopback start(Consumer<RpcServer> exports) {
    return Loopback.start(transport, s -> s.intercept(server), exports,
        c -> c.intercept(client));
  }

  /** Records starts and ends, and checks that each end has the object its start had. */
  private static final class Recorder implements ClientInterceptor, ServerInterceptor {
    private static final CallInfo.Key<String> STARTED = CallInfo.Key.named("started");

    final List<String> events = new CopyOnWriteArrayList<>();
    final List<Object> peers = new CopyOnWriteArrayList<>();
    final List<String> services = new CopyOnWriteArrayList<>();

    @Override
    public void onStart(CallInfo call) {
      call.put(STARTED, call.method());
      events.add("start " + call.method() + " " + call.kind());
    }

    @Override
    public void onEnd(CallInfo call, CallOutcome outcome) {
      String started = call.get(STARTED);
      events.add((call.method().equals(started) ? "end " : "end without its start ")
          + call.method() + " " + outcome.statusName());
      peers.add(call.peerAddress());
      services.add(call.service());
    }

    List<String> ends() {
      return events.stream().filter(e -> e.startsWith("end")).toList();
    }
  }

  /** Answers with a class only a server that registered it can encode. */
  private static final class Origin implements Shapes {
    @Override
    public double area(Figure figure) {
      return 0;
    }

    @Override
    public String describe(Object anything) {
      return "";
    }

    @Override
    public Object origin() {
      return new Point(0, 0);
    }
  }
}
