package dev.vireo.rpc.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vireo.rpc.RemoteApplicationException;
import dev.vireo.rpc.it.services.UserNotFoundException;
import dev.vireo.rpc.it.services.UserService;
import dev.vireo.rpc.it.services.UserServiceAsync;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;


/**
 * An exception the implementation throws reaches the caller as itself when the method declares it
 * or the JDK defines it, otherwise as RemoteApplicationException; never as an RpcException.
 */
@ParameterizedClass
@EnumSource(Transport.class)
class ExceptionsTest {
  @Parameter Transport transport;

  private Loopback loopback;
  private UserService users;

  @BeforeEach
  void start() {
    loopback = Loopback.start(transport, server -> server.export(UserService.class,
        new InMemoryUserService()));
    users = loopback.client.refer(UserService.class);
  }

  @AfterEach
  void stop() {
    loopback.close();
  }

  @Test
  void aDeclaredCheckedExceptionArrivesAsItselfWithItsMessage() {
    UserNotFoundException thrown =
        assertThrows(UserNotFoundException.class, () -> users.load(-3));

    assertThat(thrown).hasMessageThat().isEqualTo("no user -3");
  }

  @Test
  void byDefaultItsStackTraceShowsOnlyWhereTheClientCalled() {
    UserNotFoundException thrown =
        assertThrows(UserNotFoundException.class, () -> users.load(-3));

    String frames = Arrays.toString(thrown.getStackTrace());
    assertThat(thrown.getStackTrace()[0].getClassName()).isEqualTo("<remote call>");
    assertThat(frames).doesNotContain(InMemoryUserService.class.getName());
    assertThat(frames).contains(ExceptionsTest.class.getName());
  }

  @Test
  void withStackTracesSentItShowsWhereTheServerThrewAndWhereTheClientCalled() {
    try (Loopback tracing = Loopback.start(transport, b -> b.sendStackTraces(true),
        server -> server.export(UserService.class, new InMemoryUserService()), b -> {})) {
      UserNotFoundException thrown = assertThrows(UserNotFoundException.class,
          () -> tracing.client.refer(UserService.class).load(-3));

      String frames = Arrays.toString(thrown.getStackTrace());
      assertThat(thrown.getStackTrace()[0].getClassName())
          .isEqualTo(InMemoryUserService.class.getName());
      assertThat(thrown.getStackTrace()[0].getMethodName()).isEqualTo("load");
      assertThat(frames).contains("<remote call>.load(long)");
      assertThat(frames).contains(ExceptionsTest.class.getName());
    }
  }

  @Test
  void aWellKnownJdkExceptionArrivesAsItself() {
    IllegalArgumentException thrown =
        assertThrows(IllegalArgumentException.class, () -> users.validate("x@example.com"));

    assertThat(thrown).hasMessageThat().isEqualTo("not a vireo address: x@example.com");
  }

  @Test
  void anUnknownExceptionArrivesAsRemoteApplicationExceptionNamingItsClass() {
    RemoteApplicationException thrown =
        assertThrows(RemoteApplicationException.class, () -> users.explode("boom"));

    assertThat(thrown.remoteClassName()).isEqualTo(InMemoryUserService.Kaboom.class.getName());
    assertThat(thrown.remoteMessage()).isEqualTo("boom");
    assertThat(thrown).hasMessageThat().contains("Kaboom: boom");
  }

  @Test
  void anAsynchronousCallDeliversTheSameExceptionThroughItsFuture() {
    UserServiceAsync async = loopback.client.refer(UserServiceAsync.class);

    ExecutionException failed =
        assertThrows(ExecutionException.class, () -> async.load(-1).get());

    assertThat(failed).hasCauseThat().isInstanceOf(UserNotFoundException.class);
    assertThat(failed).hasCauseThat().hasMessageThat().isEqualTo("no user -1");
  }

  @Test
  void anImplementationsFailedFutureIsABusinessException() {
    ExecutionException failed =
        assertThrows(ExecutionException.class, () -> users.touch(-1).get());

    assertThat(failed).hasCauseThat().isInstanceOf(IllegalStateException.class);
    assertThat(failed).hasCauseThat().hasMessageThat().isEqualTo("cannot touch -1");
  }
}
