package dev.vireo.rpc.it;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.vireo.rpc.RpcClient;
import dev.vireo.rpc.RpcException;
import dev.vireo.rpc.RpcServer;
import dev.vireo.rpc.RpcStatus;
import dev.vireo.rpc.it.services.UserService;
import io.netty.util.LeakPresenceDetector;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A provider that stops answering is set aside after a few calls, not after heartbeats. */
class OutlierEjectionTest {
  @Test
  void aProviderThatAcceptsButNeverAnswersIsEjectedAfterAFewTimeouts() throws Exception {
    List<Socket> held = new CopyOnWriteArrayList<>();
    try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        RpcServer healthy = RpcServer.builder().host("127.0.0.1").port(0).ioThreads(1).build()) {
      Thread acceptor = new Thread(() -> {
        while (!blackHole.isClosed()) {
          try {
            held.add(blackHole.accept()); // accepted, never read, never answered
          } catch (IOException closed) {
            return;
          }
        }
      }, "black-hole");
      acceptor.setDaemon(true);
      acceptor.start();
      healthy.export(UserService.class, new InMemoryUserService());
      healthy.start();

      int failures = 0;
      int answeredAtTheEnd = 0;
      // Heartbeats at their default (15 s) would take 45 s to give up on the black hole.
      try (RpcClient client = RpcClient.builder()
          .address("127.0.0.1", blackHole.getLocalPort()).address("127.0.0.1", healthy.port())
          .timeout(Duration.ofMillis(200)).ioThreads(1).build()) {
        UserService users = client.refer(UserService.class);
        for (int call = 0; call < 40; call++) {
          try {
            users.existUser("a@vireo.dev");
            answeredAtTheEnd++;
          } catch (RpcException e) {
            assertThat(e.status()).isEqualTo(RpcStatus.TIMEOUT);
            failures++;
            answeredAtTheEnd = 0;
          }
        }
      }

      assertWithMessage("calls lost to the black hole").that(failures).isAtMost(5);
      assertWithMessage("calls answered in a row at the end").that(answeredAtTheEnd)
          .isAtLeast(30);
    } finally {
      for (Socket socket : held) {
        socket.close();
      }
    }
    LeakPresenceDetector.check();
  }
}
