package dev.vireo.examples;

import static com.google.common.truth.Truth.assertThat;

import dev.vireo.rpc.RpcServer;
import org.junit.jupiter.api.Test;

/** The two-terminal example works: the client's calls against the server, over TCP. */
class GreeterClientTest {
  @Test
  void theClientGetsAnAnswerOfEachKindFromTheServer() throws Exception {
    try (RpcServer server = GreeterServer.start(0)) {
      assertThat(GreeterClient.run(server.port())).containsExactly(
          "Hello, Ada!",
          "[1. Hello, Grace, 2. Hello, Grace]",
          "refused: 1000 greetings for Edsger? 10 at most",
          "Hello later, Linus",
          "waved (one-way: no answer to wait for)").inOrder();
    }
  }
}
