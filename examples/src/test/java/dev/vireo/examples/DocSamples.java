package dev.vireo.examples;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that the code samples of a document are compiled code: every sample the document marks
 * with {@code <!-- sample: name -->} must equal the region {@code // [START name]} .. {@code //
 * [END name]} of one of the given sources, and every region must be shown.
 */
public final class DocSamples {
  private static final Pattern SAMPLE =
      Pattern.compile("<!-- sample: ([\\w-]+) -->\\s*```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern REGION =
      Pattern.compile("// \\[START ([\\w-]+)]\\n(.*?)\\s*// \\[END \\1]", Pattern.DOTALL);

  private DocSamples() {}

  public static void assertShowsExactly(Path document, List<Path> sources) throws IOException {
    Map<String, String> regions = regions(sources);
    Matcher sample = SAMPLE.matcher(Files.readString(document));
    int checked = 0;
    while (sample.find()) {
      String name = sample.group(1);
      assertWithMessage("a region named %s in %s", name, sources)
          .that(regions).containsKey(name);
      assertWithMessage("sample %s of %s", name, document)
          .that(sample.group(2).strip()).isEqualTo(regions.get(name));
      checked++;
    }
    assertThat(checked).isEqualTo(regions.size());
  }

  private static Map<String, String> regions(List<Path> sources) throws IOException {
    Map<String, String> regions = new LinkedHashMap<>();
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
