package dev.vireo.examples.guide;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vireo.examples.DocSamples;
import dev.vireo.rpc.RpcClient;
import dev.vireo.rpc.RpcException;
import dev.vireo.rpc.RpcServer;
import dev.vireo.rpc.RpcStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;

/**
 * The code in docs/guide.md is the code in this package: every sample the guide marks with
 * {@code <!-- sample: name -->} must equal the region {@code // [START name]} .. {@code // [END
 * name]} here, which the build compiles. The samples also run.
 */
class GuideSamplesTest {
  private static final Path GUIDE = Path.of("..", "docs", "guide.md");
  private static final Path SOURCES = Path.of("src", "main", "java", "dev", "vireo", "examples",
      "guide");

  @Test
  void everySampleInTheGuideIsCompiledCode() throws IOException {
    List<Path> sources;
    try (Stream<Path> files = Files.list(SOURCES)) {
      sources = files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    }
    DocSamples.assertShowsExactly(GUIDE, sources);
  }

  @Test
  void theSamplesRun() throws Exception {
    ExecutorService mine = Executors.newSingleThreadExecutor();
    try (RpcServer server = Serving.serve()) {
      Serving.exportOptions(server, mine);
      assertThat(Calling.call(server.port()))
          .containsExactly("3", "3", "true", "unknown: no item nothing").inOrder();
    }
    assertThat(mine.isShutdown()).isFalse();
    mine.shutdown();
    assertThat(InProcessTesting.stockInProcess()).isEqualTo(3);
    try (TestingServer zookeeper = new TestingServer(true)) {
      assertThat(Discovery.stockThroughZooKeeper(zookeeper.getConnectString())).isEqualTo(3);
    }
  }

  @Test
  void theInterceptorsOfTheGuideRefuseACallWithoutTheKey() {
    try (RpcServer server = RpcServer.builder().inProcess("guide-keys")
            .intercept(new Context.RequireApiKey()).build();
        RpcClient withKey = RpcClient.builder().inProcess("guide-keys")
            .intercept(new Context.ApiKey()).build();
        RpcClient withoutKey = RpcClient.builder().inProcess("guide-keys").build()) {
      server.export(Inventory.class, new InMemoryInventory());
      server.start();

      assertThat(Context.stockFor(withKey.refer(Inventory.class), "ada")).isEqualTo(3);
      RpcException refused = assertThrows(RpcException.class,
          () -> withoutKey.refer(Inventory.class).stock("tea"));
      assertThat(refused.status()).isEqualTo(RpcStatus.UNAUTHENTICATED);
    }
  }
}
