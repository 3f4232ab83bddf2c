package dev.vireo.rpc.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vireo.rpc.CallContext;
import dev.vireo.rpc.CallInfo;
import dev.vireo.rpc.CallOutcome;
import dev.vireo.rpc.ClientInterceptor;
import dev.vireo.rpc.RpcClient;
import dev.vireo.rpc.RpcException;
import dev.vireo.rpc.RpcStatus;
import dev.vireo.rpc.ServerInterceptor;
import dev.vireo.rpc.it.services.ContextProbe;
import dev.vireo.rpc.it.services.UserNotFoundException;
import dev.vireo.rpc.it.services.UserService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Deadlines and attachments travel with calls; interceptors see and may refuse them. */
@ParameterizedClass
@EnumSource(Transport.class)
class ContextAndInterceptorsTest {
  @Parameter Transport transport;

  /** Reads the context; nested calls go through {@code self}, a client of this same server. */
  static final class Probe implements ContextProbe {
    volatile ContextProbe self;

    @Override
    public String attachment(String key) {
      return CallContext.current().attachment(key);
    }

    @Override
    public long remainingMillis() {
      return CallContext.current().remaining().toMillis();
    }

    @Override
    public long nestedRemainingMillis() {
      return self.remainingMillis();
    }
  }

  @Test
  void theImplementationSeesAttachmentsAndTheRemainingDeadline() {
    try (Loopback loopback = Loopback.start(transport, server -> server.export(
        ContextProbe.class, new Probe()))) {
      ContextProbe probe = loopback.client.refer(ContextProbe.class);

      try (CallContext.Scope scope = CallContext.withAttachments(Map.of("tenant", "acme"))) {
        assertThat(probe.attachment("tenant")).isEqualTo("acme");
      }
      assertThat(probe.attachment("tenant")).isNull();
      long remaining = probe.remainingMillis();
      assertThat(remaining).isGreaterThan(0L);
      assertThat(remaining).isAtMost(5_000L);
    }
  }

  @Test
  void aNestedCallInheritsTheDeadlineOfTheCallBeingServed() {
    Probe implementation = new Probe();
    try (Loopback loopback = Loopback.start(transport, server -> server.export(
            ContextProbe.class, implementation));
        RpcClient patient = loopback.secondClient(Duration.ofMinutes(10))) {
      implementation.self = patient.refer(ContextProbe.class);
      ContextProbe probe = loopback.client.refer(ContextProbe.class);

      long nested = probe.nestedRemainingMillis();

      assertThat(nested).isGreaterThan(0L);
      assertThat(nested).isAtMost(5_000L);
    }
  }

  @Test
  void aServerInterceptorCanRefuseACallBeforeItRuns() {
    AtomicInteger ran = new AtomicInteger();
    ServerInterceptor auth = new ServerInterceptor() {
      @Override
      public void onStart(CallInfo call) {
        Map<String, String> attachments = call.attachments();
        if (!"secret".equals(attachments.get("token"))) {
          throw new RpcException(RpcStatus.UNAUTHENTICATED, "no valid token for " + call);
        }
      }
    };
    InMemoryUserService users = new InMemoryUserService() {
      @Override
      public boolean existUser(String email) {
        ran.incrementAndGet();
        return true;
      }
    };
    try (Loopback loopback = Loopback.start(transport, b -> b.intercept(auth),
        server -> server.export(UserService.class, users), b -> {})) {
      UserService service = loopback.client.refer(UserService.class);

      RpcException refused = assertThrows(RpcException.class, () -> service.existUser("a"));

      assertThat(refused.status()).isEqualTo(RpcStatus.UNAUTHENTICATED);
      assertThat(refused.mayHaveRun()).isFalse();
      assertThat(refused).hasMessageThat().contains("it.UserService/existUser");
      assertThat(ran.get()).isEqualTo(0);
    }
  }

  @Test
  void aClientInterceptorSeesADeclaredCheckedExceptionAsTheOutcome() {
    List<Throwable> outcomes = new CopyOnWriteArrayList<>();
    ClientInterceptor recorder = new ClientInterceptor() {
      @Override
      public void onEnd(CallInfo call, CallOutcome outcome) {
        Throwable failure = outcome.failure();
        outcomes.add(failure);
      }
    };
    try (Loopback loopback = Loopback.start(transport, b -> {},
        server -> server.export(UserService.class, new InMemoryUserService()),
        b -> b.intercept(recorder))) {
      UserService users = loopback.client.refer(UserService.class);

      assertThrows(UserNotFoundException.class, () -> users.load(-1));

      assertThat(outcomes).hasSize(1);
      assertThat(outcomes.get(0)).isInstanceOf(UserNotFoundException.class);
    }
  }

  @Test
  void aClientInterceptorThatMakesCallsOfItsOwnLeavesEveryReplyIntact() {
    AtomicReference<UserService> client = new AtomicReference<>();
    ClientInterceptor auditor = new ClientInterceptor() {
      @Override
      public void onEnd(CallInfo call, CallOutcome outcome) {
        Throwable failure = outcome.failure();
        if (call.method().startsWith("getUser")) {
          assertThat(client.get().listUser(2).items()).hasSize(15);
        }
      }
    };
    try (Loopback loopback = Loopback.start(transport, b -> {},
        server -> server.export(UserService.class, new InMemoryUserService()),
        b -> b.intercept(auditor))) {
      UserService users = loopback.client.refer(UserService.class);
      client.set(users);

      assertThat(users.getUser(7).name()).isEqualTo("user-7");
      assertThat(users.getUser(8).name()).isEqualTo("user-8");
    }
  }

  @Test
  void interceptorsOnBothSidesSeeEveryCallAndItsOutcome() {
    List<String> clientSaw = new CopyOnWriteArrayList<>();
    List<String> serverSaw = new CopyOnWriteArrayList<>();
    ClientInterceptor token = new ClientInterceptor() {
      @Override
      public void onStart(CallInfo call) {
        Map<String, String> attachments = call.attachments();
        attachments.put("token", "secret");
        clientSaw.add("send " + call.method());
      }

      @Override
      public void onEnd(CallInfo call, CallOutcome outcome) {
        Throwable failure = outcome.failure();
        clientSaw.add("reply " + call.method() + " " + (failure == null ? "ok"
            : failure.getClass().getSimpleName()));
      }
    };
    ServerInterceptor audit = new ServerInterceptor() {
      @Override
      public void onStart(CallInfo call) {
        Map<String, String> attachments = call.attachments();
        serverSaw.add("run " + call.method() + " token=" + attachments.get("token"));
      }

      @Override
      public void onEnd(CallInfo call, CallOutcome outcome) {
        Throwable failure = outcome.failure();
        serverSaw.add("ran " + call.method() + " " + (failure == null ? "ok"
            : failure.getClass().getSimpleName()));
      }
    };
    try (Loopback loopback = Loopback.start(transport, b -> b.intercept(audit),
        server -> server.export(UserService.class, new InMemoryUserService()),
        b -> b.intercept(token))) {
      UserService users = loopback.client.refer(UserService.class);

      users.getUser(1);
      assertThrows(IllegalArgumentException.class, () -> users.validate("nope"));

      assertThat(clientSaw).containsExactly(
          "send getUser(long)", "reply getUser(long) ok",
          "send validate(java.lang.String)",
          "reply validate(java.lang.String) IllegalArgumentException").inOrder();
      assertThat(serverSaw).containsExactly(
          "run getUser(long) token=secret", "ran getUser(long) ok",
          "run validate(java.lang.String) token=secret",
          "ran validate(java.lang.String) IllegalArgumentException").inOrder();
    }
  }
}
