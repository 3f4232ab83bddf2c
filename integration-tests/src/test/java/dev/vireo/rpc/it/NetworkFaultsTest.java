package dev.vireo.rpc.it;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vireo.rpc.CallContext;
import dev.vireo.rpc.RpcClient;
import dev.vireo.rpc.RpcException;
import dev.vireo.rpc.RpcServer;
import dev.vireo.rpc.RpcStatus;
import dev.vireo.rpc.it.services.Primitives;
import dev.vireo.rpc.it.services.User;
import dev.vireo.rpc.it.services.UserService;
import dev.vireo.rpc.it.services.UserServiceAsync;
import io.netty.util.LeakPresenceDetector;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What the TCP transport does under load and when things go wrong: every test talks only to
 * 127.0.0.1, bounds its calls and its time, and stops what it started.
 */
class NetworkFaultsTest {
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  @Test
  void anAttachmentTooLongForTheFrameFailsItsCallAtOnceBlockingOrAsync() throws Exception {
    String huge = "x".repeat(70_000); // attachment values are limited to 65,535 UTF-8 bytes
    try (Loopback loopback = Loopback.start(Transport.TCP,
        server -> server.export(UserService.class, new InMemoryUserService()));
        CallContext.Scope scope = CallContext.withAttachments(Map.of("note", huge))) {
      RpcException blocking = assertThrows(RpcException.class,
          () -> loopback.client.refer(UserService.class).getUser(1));
      ExecutionException async = assertThrows(ExecutionException.class,
          () -> loopback.client.refer(UserServiceAsync.class).getUser(1)
              .get(5, TimeUnit.SECONDS));

      assertThat(blocking.status()).isEqualTo(RpcStatus.BAD_REQUEST);
      assertThat(blocking.mayHaveRun()).isFalse();
      assertThat(((RpcException) async.getCause()).status()).isEqualTo(RpcStatus.BAD_REQUEST);
    }
  }

  @Test
  void sixtyFourThreadsShareOneConnectionWithoutCrossedReplies() throws Exception {
    ExecutorService callers = Executors.newFixedThreadPool(64);
    try (Loopback loopback = Loopback.start(Transport.TCP,
        server -> server.export(UserService.class, new InMemoryUserService()))) {
      UserService users = loopback.client.refer(UserService.class);
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 64; t++) {
        long base = t * 1_000L;
        results.add(callers.submit(() -> {
          int checked = 0;
          for (long id = base; id < base + 200; id++) {
            assertThat(users.getUser(id).name()).isEqualTo("user-" + id);
            checked++;
          }
          return checked;
        }));
      }
      int total = 0;
      for (Future<Integer> result : results) {
        total += result.get(60, TimeUnit.SECONDS);
      }
      assertThat(total).isEqualTo(64 * 200);
    } finally {
      callers.shutdownNow();
    }
  }

  @Test
  void anEightMebibytePayloadRoundTrips() {
    try (Loopback loopback = Loopback.start(Transport.TCP,
        server -> server.export(Primitives.class, new PrimitivesTest.Impl()))) {
      byte[] payload = new byte[8 << 20];
      new Random(7).nextBytes(payload);

      assertThat(loopback.client.refer(Primitives.class).bytes(payload)).isEqualTo(payload);
    }
  }

  @Test
  void aRequestOverTheLimitFailsAloneAndTheConnectionCarriesOn() {
    try (Loopback loopback = Loopback.start(Transport.TCP, b -> b.maxFrameSize(1 << 20),
        server -> server.export(Primitives.class, new PrimitivesTest.Impl()),
        b -> b.maxFrameSize(1 << 20))) {
      Primitives primitives = loopback.client.refer(Primitives.class);

      RpcException thrown =
          assertThrows(RpcException.class, () -> primitives.bytes(new byte[2 << 20]));

      assertThat(thrown.status()).isEqualTo(RpcStatus.BAD_REQUEST);
      assertThat(thrown.mayHaveRun()).isFalse();
      assertThat(primitives.nextInt(1)).isEqualTo(2);
    }
  }

  @Test
  void aRequestOverTheServersLimitIsAnsweredBadRequestForThatCallOnly() {
    try (Loopback loopback = Loopback.start(Transport.TCP, b -> b.maxFrameSize(1 << 20),
        server -> server.export(Primitives.class, new PrimitivesTest.Impl()), b -> {})) {
      Primitives primitives = loopback.client.refer(Primitives.class);

      RpcException thrown =
          assertThrows(RpcException.class, () -> primitives.bytes(new byte[2 << 20]));

      assertThat(thrown.status()).isEqualTo(RpcStatus.BAD_REQUEST);
      assertThat(thrown).hasMessageThat().contains("exceeds the limit of 1048576 bytes");
      assertThat(primitives.nextInt(1)).isEqualTo(2);
    }
  }

  @Test
  void aReplyOverTheLimitFailsWithSerializationAndTheConnectionCarriesOn() {
    try (Loopback loopback = Loopback.start(Transport.TCP, b -> {},
        server -> server.export(Primitives.class, new PrimitivesTest.Impl()),
        b -> b.maxFrameSize(1 << 20))) {
      Primitives primitives = loopback.client.refer(Primitives.class);

      RpcException thrown = assertThrows(RpcException.class,
          () -> primitives.filled(2 << 20, (byte) 1));

      assertThat(thrown.status()).isEqualTo(RpcStatus.SERIALIZATION);
      assertThat(thrown.mayHaveRun()).isTrue();
      assertThat(primitives.nextInt(1)).isEqualTo(2);
    }
  }

  @Test
  void garbageAndAHugeClaimedBodyDoNotHurtTheServer() throws Exception {
    try (Loopback loopback = Loopback.start(Transport.TCP,
        server -> server.export(Primitives.class, new PrimitivesTest.Impl()))) {
      Primitives primitives = loopback.client.refer(Primitives.class);
      int port = loopback.server.port();

      byte[] garbage = new byte[4096];
      new Random(1).nextBytes(garbage);
      assertThat(sendAndAwaitClose(port, garbage)).isTrue();

      byte[] hugeClaim = {0x56, 0x52, 20, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
          (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xf0};
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
        socket.setSoTimeout(5_000);
        socket.getOutputStream().write(hugeClaim);
        socket.getOutputStream().write(new byte[64 * 1024]);
        socket.getOutputStream().flush();
        byte[] header = socket.getInputStream().readNBytes(20);
        assertThat(header[6]).isEqualTo((byte) RpcStatus.BAD_REQUEST.code());
      }

      assertThat(primitives.echo("still here")).isEqualTo("still here");
    }
  }

  @Test
  void aServerKilledMidCallFailsTheCallerLongBeforeItsDeadline() throws Exception {
    try (ServerProcess process = ServerProcess.start();
        RpcClient client = RpcClient.builder().address("127.0.0.1", process.port)
            .timeout(DEADLINE).build()) {
      UserService users = client.refer(UserService.class);
      assertThat(users.getUser(1).name()).isEqualTo("user-1");
      CompletableFuture<User> inFlight = users.findLater("never");
      process.awaitLine("PENDING");

      process.kill();

      ExecutionException failed = assertThrows(ExecutionException.class,
          () -> inFlight.get(DEADLINE.toSeconds() / 2, TimeUnit.SECONDS));
      RpcException cause = (RpcException) failed.getCause();
      assertThat(cause.status()).isEqualTo(RpcStatus.UNAVAILABLE);
      assertThat(cause.mayHaveRun()).isTrue();
      RpcException next = assertThrows(RpcException.class, () -> users.getUser(2));
      assertThat(next.status()).isEqualTo(RpcStatus.UNAVAILABLE);
    }
  }

  @Test
  void aServerRestartedOnTheSamePortIsFoundAgain() throws Exception {
    RpcServer first = tcpServer(0);
    int port = first.port();
    try (RpcClient client = RpcClient.builder().address("127.0.0.1", port).timeout(DEADLINE)
        .build()) {
      UserService users = client.refer(UserService.class);
      assertThat(users.getUser(1).id()).isEqualTo(1);

      first.close();
      RpcException down = assertThrows(RpcException.class, () -> users.getUser(2));
      assertThat(down.status()).isEqualTo(RpcStatus.UNAVAILABLE);

      RpcServer second = tcpServer(port);
      try {
        assertThat(callUntilAvailable(users, Duration.ofSeconds(15)).id()).isEqualTo(3);
      } finally {
        second.close();
      }
    }
    LeakPresenceDetector.check();
  }

  @Test
  void aHalfOpenConnectionIsFoundByHeartbeats() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        try (Socket accepted = silent.accept()) {
          InputStream in = accepted.getInputStream();
          while (in.read() != -1) {
            // swallow everything, answer nothing: a peer that has silently gone away
          }
        } catch (IOException ignored) {
          // the test is over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      try (RpcClient client = RpcClient.builder().address("127.0.0.1", silent.getLocalPort())
          // Long enough that a cold client has sent its first call before the peer is declared
          // dead (three silent intervals after connecting), short against the 10 s deadline.
          .heartbeat(Duration.ofSeconds(1)).timeout(DEADLINE).build()) {
        UserService users = client.refer(UserService.class);

        RpcException thrown = assertThrows(RpcException.class, () -> users.getUser(1));

        assertThat(thrown.status()).isEqualTo(RpcStatus.UNAVAILABLE);
        assertThat(thrown).hasMessageThat().contains("closed while the call was in flight");
      }
    }
  }

  @Test
  void closingTheClientCancelsItsPendingCalls() throws Exception {
    InMemoryUserService implementation = new InMemoryUserService();
    try (Loopback loopback = Loopback.start(Transport.TCP,
        server -> server.export(UserService.class, implementation))) {
      CompletableFuture<User> pending =
          loopback.client.refer(UserService.class).findLater("later");
      CompletableFuture<User> onServer = implementation.pendingFinds.poll(5, TimeUnit.SECONDS);

      loopback.client.close();

      ExecutionException failed =
          assertThrows(ExecutionException.class, () -> pending.get(5, TimeUnit.SECONDS));
      assertThat(((RpcException) failed.getCause()).status()).isEqualTo(RpcStatus.CANCELLED);
      onServer.complete(User.sample(1));
    }
  }

  @Test
  void closingTheServerFinishesCallsInFlightAndRefusesNewOnes() throws Exception {
    InMemoryUserService implementation = new InMemoryUserService();
    try (Loopback loopback = Loopback.start(Transport.TCP,
        server -> server.export(UserService.class, implementation))) {
      UserService users = loopback.client.refer(UserService.class);
      CompletableFuture<User> inFlight = users.findLater("in flight");
      CompletableFuture<User> onServer = implementation.pendingFinds.poll(5, TimeUnit.SECONDS);
      assertWithMessage("the call reached the server (client side: %s)", inFlight)
          .that(onServer).isNotNull();
      Thread closer = new Thread(loopback.server::close);
      closer.start();

      RpcException refused = callUntilRefused(users, Duration.ofSeconds(5));
      assertThat(refused.status()).isEqualTo(RpcStatus.UNAVAILABLE);
      assertThat(refused.mayHaveRun()).isFalse();
      onServer.complete(User.sample(5));
      assertThat(inFlight.get(5, TimeUnit.SECONDS).id()).isEqualTo(5);
      closer.join(10_000);
      assertThat(closer.isAlive()).isFalse();
    }
  }

  private static RpcServer tcpServer(int port) {
    RpcServer server = RpcServer.builder().host("127.0.0.1").port(port).ioThreads(1).build();
    server.export(UserService.class, new InMemoryUserService());
    server.start();
    return server;
  }

  /** Calls until the restarted server answers; the client reconnects on its own meanwhile. */
  private static User callUntilAvailable(UserService users, Duration bound)
      throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    while (true) {
      try {
        return users.getUser(3);
      } catch (RpcException e) {
        if (e.status() != RpcStatus.UNAVAILABLE || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(20);
      }
    }
  }

  /** Calls until the closing server refuses, which it does once it stops taking new calls. */
  private static RpcException callUntilRefused(UserService users, Duration bound)
      throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        users.getUser(1);
        Thread.sleep(5);
      } catch (RpcException e) {
        return e;
      }
    }
    throw new AssertionError("the closing server never refused a call");
  }

  /**
   * Sends {@code bytes} on a fresh connection; true if the server then closes it (with a FIN, or
   * a reset when it closes before reading everything sent).
   */
  private static boolean sendAndAwaitClose(int port, byte[] bytes) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      out.write(bytes);
      out.flush();
      return socket.getInputStream().read() == -1;
    } catch (SocketException reset) {
      return reset.getMessage().contains("reset");
    }
  }
}
