package dev.vireo.rpc.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor works with the JDK's own {@code javac} and nothing else: the processor and the
 * libraries it needs on {@code -processorpath}, the annotations and the runtime on {@code -cp}, as
 * the guide tells users of plain javac.
 */
class PlainJavacTest {
  /** What {@code -processorpath} needs: the processor and the annotations, nothing else. */
  private static final List<String> PROCESSOR_PATH = List.of("rpc-processor", "rpc-annotations");

  @TempDir Path work;

  @Test
  void javacWithProcessorPathGeneratesAndCompilesTheBindings() throws Exception {
    Path source = work.resolve("src/demo/Echo.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, """
        package demo;

        import dev.vireo.rpc.annotation.Remote;

        @Remote
        public interface Echo {
          String echo(String text);
        }
        """);
    Path classes = Files.createDirectories(work.resolve("classes"));
    Path generated = Files.createDirectories(work.resolve("generated"));

    Process javac = new ProcessBuilder(javac().toString(),
        "-processorpath", classPath(PROCESSOR_PATH),
        "-cp", classPath(List.of("rpc-annotations", "rpc-runtime")),
        "-d", classes.toString(), "-s", generated.toString(), source.toString())
        .redirectErrorStream(true).start();
    String output = new String(javac.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertWithMessage("javac said: %s", output).that(javac.waitFor()).isEqualTo(0);
    assertThat(Files.exists(generated.resolve("demo/EchoVireo.java"))).isTrue();
    assertThat(Files.exists(generated.resolve("demo/EchoAsync.java"))).isTrue();
    assertThat(Files.exists(classes.resolve("demo/EchoVireo.class"))).isTrue();
    assertThat(Files.readString(classes.resolve(
            "META-INF/services/dev.vireo.rpc.stub.ServiceBinding")).strip())
        .isEqualTo("demo.EchoVireo");
  }

  private static Path javac() {
    return Path.of(System.getProperty("java.home"), "bin", "javac");
  }

  /**
   * For each of {@code artifacts}, its entry on this test's class path; the processor's own is
   * this module's {@code target/classes}.
   */
  private static String classPath(List<String> artifacts) {
    List<String> testPath =
        Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
    List<String> entries = new ArrayList<>();
    for (String artifact : artifacts) {
      if (artifact.equals("rpc-processor")) {
        entries.add(Path.of("target", "classes").toAbsolutePath().toString());
        continue;
      }
      String entry = testPath.stream()
          .filter(e -> e.contains(File.separator + artifact + File.separator)
              || e.contains(File.separator + artifact + "-"))
          .findFirst()
          .orElseThrow(() -> new AssertionError(artifact + " is not on " + testPath));
      entries.add(entry);
    }
    return String.join(File.pathSeparator, entries);
  }
}
