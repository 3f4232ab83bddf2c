package dev.vireo.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The code in docs/security.md is {@link SecureGreeter}'s, which {@code SecureGreeterTest} runs. */
class SecurityDocTest {
  @Test
  void everySampleInTheSecurityDocumentIsCompiledCode() throws IOException {
    DocSamples.assertShowsExactly(Path.of("..", "docs", "security.md"),
        List.of(Path.of("src", "main", "java", "dev", "vireo", "examples",
            "SecureGreeter.java")));
  }
}
