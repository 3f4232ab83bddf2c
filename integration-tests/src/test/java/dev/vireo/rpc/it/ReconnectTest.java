package dev.vireo.rpc.it;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.awaitility.Awaitility.await;

import dev.vireo.rpc.RpcClient;
import dev.vireo.rpc.RpcServer;
import dev.vireo.rpc.it.services.UserService;
import io.netty.util.LeakPresenceDetector;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** How a client's connection to a provider comes up, and how it comes back. */
class ReconnectTest {
  @Test
  void aNewClientsFirstCallWaitsForTheConnectionBeingMade() {
    try (RpcServer server = RpcServer.builder().host("127.0.0.1").port(0).ioThreads(1).build()) {
      server.export(UserService.class, new InMemoryUserService());
      server.start();
      // Each client's first call races its connection attempt; none may lose.
      for (int i = 0; i < 50; i++) {
        try (RpcClient client = RpcClient.builder().address("127.0.0.1", server.port())
            .ioThreads(1).build()) {
          assertThat(client.refer(UserService.class).getUser(i).id()).isEqualTo(i);
        }
      }
    }
    LeakPresenceDetector.check();
  }

  @Test
  void aServerThatAcceptsAndClosesAtOnceIsRetriedEverMoreSlowly() throws Exception {
    AtomicInteger accepted = new AtomicInteger();
    try (ServerSocket slammer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        while (!slammer.isClosed()) {
          try (Socket socket = slammer.accept()) {
            accepted.incrementAndGet();
          } catch (IOException closed) {
            return;
          }
        }
      }, "slammer");
      acceptor.setDaemon(true);
      acceptor.start();

      try (RpcClient client = RpcClient.builder().address("127.0.0.1", slammer.getLocalPort())
          .ioThreads(1).build()) {
        await().atMost(Duration.ofSeconds(10)).until(() -> accepted.get() >= 1);
        TimeUnit.SECONDS.sleep(2);
        // Backoff doubling from 50 ms gives about seven attempts in two seconds; a backoff reset
        // by every successful TCP connect gives forty or more.
        assertWithMessage("connections in two seconds").that(accepted.get()).isAtMost(15);
        assertThat(client.refer(UserService.class)).isNotNull();
      }
    }
  }
}
