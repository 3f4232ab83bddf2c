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

  @Test
  void aCallWhoseDeadlinePassedInTheQueueIsNotRun() throws Exception {
    Loopback loopback = Loopback.start(transport, server -> server.export(UserService.class,
        implementation, ExportOptions.builder().threads(1).queue(1).build()));
    try {
      UserServiceAsync async = loopback.client.refer(UserServiceAsync.class);
      CompletableFuture<Void> running = async.sleep(60_000);
      assertThat(implementation.sleeping.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
      CompletableFuture<Void> queued = async.sleep(60_000);

      ExecutionException timedOut =
          assertThrows(ExecutionException.class, () -> queued.get(5, TimeUnit.SECONDS));
      assertThat(((RpcException) timedOut.getCause()).status())
          .isEqualTo(RpcStatus.TIMEOUT);
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
}
