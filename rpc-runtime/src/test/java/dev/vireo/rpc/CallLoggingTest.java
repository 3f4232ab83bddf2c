package dev.vireo.rpc;

import static com.google.common.truth.Truth.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What one logged line says about a call. */
class CallLoggingTest {
  @Test
  void aLineNamesTheSideTheCallItsOutcomeItsDurationAndThePeer() {
    CallInfo call = new CallInfo("users.UserService", "v2", "getUser(long)",
        CallInfo.Kind.BLOCKING, 0, Map.of());
    call.peer(InetSocketAddress.createUnresolved("10.0.0.7", 8080), List.of());

    String returned = CallLogging.line("client", call, CallOutcome.ok(), 1_500_000);
    String failed = CallLogging.line("server", call,
        CallOutcome.failed(new RpcException(RpcStatus.OVERLOADED, "queue full")), 2_000);

    assertThat(returned).isEqualTo("client BLOCKING users.UserService:v2/getUser(long) OK in"
        + " 1500 us, peer 10.0.0.7/<unresolved>:8080");
    assertThat(failed).startsWith("server BLOCKING users.UserService:v2/getUser(long) OVERLOADED"
        + " in 2 us");
    assertThat(failed).endsWith(": OVERLOADED: queue full (the call did not run)");
  }
}
