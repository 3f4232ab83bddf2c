package dev.vireo.rpc.it;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.vireo.rpc.RpcClient;
import dev.vireo.rpc.RpcServer;
import dev.vireo.rpc.it.services.UserService;
import io.netty.util.LeakPresenceDetector;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A provider killed under load, the hard way (its process destroyed): {@code @Idempotent} calls
 * never fail, since they are sent again to the provider still standing; other calls fail only with
 * a status that says they may have run.
 */
class KilledProviderTest {
  @Test
  void idempotentCallsNeverFailAndOthersSayTheyMayHaveRun() throws Exception {
    try (ServerProcess doomed = ServerProcess.start();
        RpcServer standing = RpcServer.builder().host("127.0.0.1").port(0).ioThreads(1).build()) {
      standing.export(UserService.class, new InMemoryUserService());
      standing.start();
      try (RpcClient client = RpcClient.builder().address("127.0.0.1", doomed.port)
          .address("127.0.0.1", standing.port()).timeout(Duration.ofSeconds(5)).build()) {
        CallerLoad load = CallerLoad.start(client.refer(UserService.class), 16);
        try {
          load.awaitCalls(2_000);
          doomed.kill();
          load.awaitCalls(2_000);
        } finally {
          load.stop();
        }

        assertWithMessage("idempotent calls failed, of %s", load.calls())
            .that(load.idempotentFailures).isEmpty();
        assertWithMessage("%s", load.otherFailures).that(load.otherFailuresAllMayHaveRun())
            .isTrue();
        assertThat(client.refer(UserService.class).getUser(3).id()).isEqualTo(3);
      }
    }
    LeakPresenceDetector.check();
  }
}
