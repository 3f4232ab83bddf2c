package dev.vireo.rpc.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vireo.rpc.ExportOptions;
import dev.vireo.rpc.RpcException;
import dev.vireo.rpc.RpcServer;
import dev.vireo.rpc.RpcStatus;
import dev.vireo.rpc.it.services.Outer;
import dev.vireo.rpc.it.services.Outer_InnerAsync;
import dev.vireo.rpc.it.services.Primitives;
import dev.vireo.rpc.it.services.UserService;
import dev.vireo.rpc.it.services.UserServiceAsync;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;


/** What the server refuses, and what it does not run. */
@ParameterizedClass
@EnumSource(Transport.class)
class CallControlTest {
  /** {@code UserService.sleep}'s {@code @Timeout}. */
  private static final long SLEEP_TIMEOUT_MILLIS = 300;

  @Parameter Transport transport;

  private final InMemoryUserService implementation = new InMemoryUserService();

  @Test
  void aServiceThatIsNotExportedAnswersServiceNotFound() {
    try (Loopback loopback = Loopback.start(transport, server -> server.export(UserService.class,
        implementation))) {
      Primitives primitives = loopback.client.refer(Primitives.class);

      RpcException thrown = assertThrows(RpcException.class, () -> primitives.nextInt(1));

      assertThat(thrown.status()).isEqualTo(RpcStatus.SERVICE_NOT_FOUND);
      assertThat(thrown.mayHaveRun()).isFalse();
      assertThat(thrown).hasMessageThat().contains("nextInt(int)");
    }
  }

  @Test
  void anUnknownTagAnswersServiceNotFound() {
    try (Loopback loopback = Loopback.start(transport, server -> server.export(UserService.class,
        implementation))) {
      UserService v9 = loopback.client.refer(UserService.class, "v9");

      RpcException thrown = assertThrows(RpcException.class, () -> v9.getUser(1));

      assertThat(thrown.status()).isEqualTo(RpcStatus.SERVICE_NOT_FOUND);
      assertThat(thrown).hasMessageThat().contains("it.UserService:v9");
    }
  }

  @Test
  void methodsLeftOutOfAnExportAnswerMethodNotFound() {
    try (Loopback loopback = Loopback.start(transport, server -> server.export(UserService.class,
        implementation, ExportOptions.builder().methods("getUser", "find").build()))) {
      UserService users = loopback.client.refer(UserService.class);

      assertThat(users.getUser(1).id()).isEqualTo(1);
      assertThat(users.find("ab").id()).isEqualTo(2);
      assertThat(users.find(3L).id()).isEqualTo(-3);
      RpcException thrown = assertThrows(RpcException.class, () -> users.existUser("a"));
      assertThat(thrown.status()).isEqualTo(RpcStatus.METHOD_NOT_FOUND);
    }
  }

  @Test
  void aDirectServiceAnswersFromTheThreadThatReceivedTheCall() {
    try (Loopback loopback = Loopback.start(transport, server -> server.export(UserService.class,
        implementation, ExportOptions.builder().direct(true).build()))) {
      UserService users = loopback.client.refer(UserService.class);

      for (long id = 0; id < 50; id++) {
        assertThat(users.getUser(id).id()).isEqualTo(id);
      }

      // Over TCP, the server's I/O thread that read the request; in process, the caller's own.
      assertThat(implementation.threads).isNotEmpty();
      if (transport == Transport.TCP) {
        for (String thread : implementation.threads) {
          assertThat(thread).startsWith("vireo-server-io-");
        }
      } else {
        assertThat(implementation.threads).containsExactly(Thread.currentThread().getName());
      }
    }
  }

  @Test
  void aPooledServiceRunsOnItsPoolNotOnTheReceivingThread() {
    try (Loopback loopback = Loopback.start(transport, server -> server.export(UserService.class,
        implementation))) {
      UserService users = loopback.client.refer(UserService.class);

      users.getUser(1);

      assertThat(implementation.threads).hasSize(1);
      String thread = implementation.threads.iterator().next();
      assertThat(thread).matches("vireo-server-\\d+");
    }
  }

  @Test
  void aMethodsOwnTimeoutFailsTheCallWithTimeout() {
    try (Loopback loopback = Loopback.start(transport, server -> server.export(UserService.class,
        implementation))) {
      UserService users = loopback.client.refer(UserService.class);
      try {
        RpcException thrown = assertThrows(RpcException.class, () -> users.sleep(60_000));

        assertThat(thrown.status()).isEqualTo(RpcStatus.TIMEOUT);
        assertThat(thrown.mayHaveRun()).isTrue();
        assertThat(thrown).hasMessageThat().contains("within 300 ms");
      } finally {
        implementation.wakeUp.countDown();
      }
    }
  }

  @Test
  void aFullServicePoolAnswersOverloadedAtOnce() throws Exception {
    try (Loopback loopback = Loopback.start(transport, server -> server.export(UserService.class,
        implementation, ExportOptions.builder().threads(1).queue(0).build()))) {
      UserServiceAsync async = loopback.client.refer(UserServiceAsync.class);
      UserService users = loopback.client.refer(UserService.class);
      CompletableFuture<Void> busy = async.sleep(60_000);
      assertThat(implementation.sleeping.tryAcquire(5, TimeUnit.SECONDS)).isTrue();

      RpcException thrown = assertThrows(RpcException.class, () -> users.getUser(1));

      assertThat(thrown.status()).isEqualTo(RpcStatus.OVERLOADED);
      assertThat(thrown.mayHaveRun()).isFalse();
      implementation.wakeUp.countDown();
      busy.handle((ok, failure) -> null).get(5, TimeUnit.SECONDS);
    }
  }

  /**
   * The server's promise: a call still queued when its deadline passes is answered TIMEOUT and
   * never runs. The server measures that deadline from when it read the request, so it trails the
   * caller's by the request's transit time; the test therefore wakes the worker only once the
   * server's deadline has provably passed, not merely the caller's.
   */
  @Test
  void aCallWhoseDeadlinePassedInTheQueueIsNotRun() throws Exception {
    Loopback loopback = Loopback.start(transport, server -> server.export(UserService.class,
        implementation, ExportOptions.builder().threads(1).queue(1).build()));
    try {
      UserServiceAsync async = loopback.client.refer(UserServiceAsync.class);
      UserService users = loopback.client.refer(UserService.class);
      CompletableFuture<Void> running = async.sleep(60_000);
      assertThat(implementation.sleeping.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
      CompletableFuture<Void> queued = async.sleep(60_000);

      // The queue's one place is taken, so this call is refused at once. The server handles the
      // requests of one connection in order: when this answer is back, the queued call had
      // arrived, and its server-side deadline is at most sleep's 300 ms from now.
      RpcException refused = assertThrows(RpcException.class, () -> users.getUser(1));
      long queuedCallArrivedBy = System.nanoTime();
      assertThat(refused.status()).isEqualTo(RpcStatus.OVERLOADED);

      ExecutionException timedOut =
          assertThrows(ExecutionException.class, () -> queued.get(5, TimeUnit.SECONDS));
      assertThat(((RpcException) timedOut.getCause()).status()).isEqualTo(RpcStatus.TIMEOUT);
      sleepUntil(queuedCallArrivedBy + TimeUnit.MILLISECONDS.toNanos(SLEEP_TIMEOUT_MILLIS));
      implementation.wakeUp.countDown();
      running.handle((ok, failure) -> null).get(5, TimeUnit.SECONDS);
    } finally {
      loopback.close();
    }
    assertThat(implementation.sleeps.get()).isEqualTo(1);
  }

  @Test
  void aClosedServerAnswersUnavailable() {
    Loopback loopback = Loopback.start(transport, server -> server.export(UserService.class,
        implementation));
    UserService users = loopback.client.refer(UserService.class);
    loopback.server.close();
    try {
      RpcException thrown = assertThrows(RpcException.class, () -> users.getUser(1));

      // Over TCP the call may leave before the client sees the connection close, and then it
      // cannot know whether the call ran, so only the status is certain.
      assertThat(thrown.status()).isEqualTo(RpcStatus.UNAVAILABLE);
    } finally {
      loopback.close();
    }
  }

  @Test
  void referringToAnInterfaceTheProcessorNeverSawNamesTheFix() {
    try (Loopback loopback = Loopback.start(transport, server -> {})) {
      IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
          () -> loopback.client.refer(Runnable.class));

      assertThat(thrown).hasMessageThat().contains("java.lang.Runnable");
      assertThat(thrown).hasMessageThat().contains("annotationProcessorPaths");
    }
  }

  @Test
  void exportingRejectsMisuseWithClearErrors() {
    RpcServer server = RpcServer.builder().inProcess("misuse").build();
    try {
      IllegalArgumentException noProcessor = assertThrows(IllegalArgumentException.class,
          () -> server.export(Runnable.class, () -> {}));
      assertThat(noProcessor).hasMessageThat().contains("@dev.vireo.rpc.annotation.Remote");

      IllegalArgumentException asyncView = assertThrows(IllegalArgumentException.class,
          () -> server.export(Outer_InnerAsync.class, CompletableFuture::completedFuture));
      assertThat(asyncView).hasMessageThat().contains("asynchronous view of "
          + Outer.Inner.class.getName());

      IllegalArgumentException unknownMethod = assertThrows(IllegalArgumentException.class,
          () -> server.export(UserService.class, implementation,
              ExportOptions.builder().methods("getUser", "nope").build()));
      assertThat(unknownMethod).hasMessageThat().contains("[nope]");

      server.export(UserService.class, implementation);
      IllegalStateException twice = assertThrows(IllegalStateException.class,
          () -> server.export(UserService.class, implementation));
      assertThat(twice).hasMessageThat().contains("it.UserService is already exported");
    } finally {
      server.close();
    }
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
      TimeUnit.NANOSECONDS.sleep(left);
    }
  }
}
