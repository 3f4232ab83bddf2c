package dev.vireo.examples.guide;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vireo.rpc.RpcClient;
import dev.vireo.rpc.RpcException;
import dev.vireo.rpc.RpcServer;
import dev.vireo.rpc.RpcStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  private static final Pattern SAMPLE =
      Pattern.compile("<!-- sample: ([\\w-]+) -->\\s*```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern REGION =
      Pattern.compile("// \\[START ([\\w-]+)]\\n(.*?)\\s*// \\[END \\1]", Pattern.DOTALL);

  @Test
  void everySampleInTheGuideIsCompiledCode() throws IOException {
    Map<String, String> regions = regions();
    Matcher sample = SAMPLE.matcher(Files.readString(GUIDE));
    int checked = 0;
    while (sample.find()) {
      String name = sample.group(1);
      assertWithMessage("a region named %s under %s", name, SOURCES)
          .that(regions).containsKey(name);
      assertWithMessage("sample %s of docs/guide.md", name)
          .that(sample.group(2).strip()).isEqualTo(regions.get(name));
      checked++;
    }
    assertThat(checked).isEqualTo(regions.size());
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

  private static Map<String, String> regions() throws IOException {
    Map<String, String> regions = new LinkedHashMap<>();
    List<Path> sources;
    try (Stream<Path> files = Files.list(SOURCES)) {
      sources = files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    }
    for (Path source : sources) {
      Matcher region = REGION.matcher(Files.readString(source));
      while (region.find()) {
        regions.put(region.group(1), dedent(region.group(2)));
      }
    }
    return regions;
  }

  /** The region's lines without the indentation they share. */
  private static String dedent(String text) {
    List<String> lines = text.lines().toList();
    int indent = lines.stream().filter(l -> !l.isBlank())
        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    StringBuilder out = new StringBuilder();
    for (String line : lines) {
      out.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
    }
    return out.toString().strip();
  }
}
