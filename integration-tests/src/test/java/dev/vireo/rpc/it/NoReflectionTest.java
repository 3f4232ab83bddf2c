package dev.vireo.rpc.it;

import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The call path is reflection-free: neither the runtime's sources nor the code generated for this
 * module's services mention {@code java.lang.reflect}.
 */
class NoReflectionTest {
  @Test
  void theRuntimeSourcesDoNotUseReflection() throws IOException {
    assertNoReflection(Path.of("..", "rpc-runtime", "src", "main", "java"));
  }

  @Test
  void generatedSourcesDoNotUseReflection() throws IOException {
    Path generated = Path.of("target", "generated-test-sources", "test-annotations");
    assertNoReflection(generated);
    try (Stream<Path> files = Files.walk(generated)) {
      assertWithMessage("generated bindings under %s", generated)
          .that(files.filter(f -> f.toString().endsWith("Vireo.java")).count())
          .isAtLeast(5L);
    }
  }

  private static void assertNoReflection(Path root) throws IOException {
    assertWithMessage("%s exists", root.toAbsolutePath()).that(Files.isDirectory(root)).isTrue();
    List<Path> sources;
    try (Stream<Path> files = Files.walk(root)) {
      sources = files.filter(f -> f.toString().endsWith(".java")).toList();
    }
    assertWithMessage("java sources under %s", root).that(sources).isNotEmpty();
    for (Path source : sources) {
      assertWithMessage("%s", source).that(Files.readString(source))
          .doesNotContain("java.lang.reflect");
    }
  }
}
