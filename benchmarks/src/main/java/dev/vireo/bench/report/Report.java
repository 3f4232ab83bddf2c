package dev.vireo.bench.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.vireo.bench.profile.ContextSwitches;
import dev.vireo.bench.profile.CpuTime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Turns the JMH JSON files of a {@code bench.sh} run into {@code RESULTS.md} (tables of ratios
 * measured side by side, with JMH's error bars) and PNG charts, and copies the tables into the
 * README between its {@code bench:start} and {@code bench:end} markers.
 *
 * <p>Usage: {@code Report <results directory> <README.md> <machine description>}; a README of
 * {@code -} leaves every README alone.
 */
public final class Report {
  /** The flag that keeps Netty off its native transports: runs with it are NIO runs. */
  private static final String NIO_FLAG = "-Dio.netty.transport.noNative=true";
  /** Added to the group of a run on NIO, which is reported apart. */
  static final String NIO_SUFFIX = "/nio";
  /** Added, after their number, to the group of a run over several connections. */
  static final String CONNECTIONS_SUFFIX = " connections";

  private Report() {}

  public static void main(String[] args) throws IOException {
    Path results = Path.of(args[0]);
    String machine = args.length > 2 ? args[2] : "";
    List<Measurement> measurements = read(results);
    Tables tables = new Tables(measurements);
    String markdown = tables.render(machine);
    Files.writeString(results.resolve("RESULTS.md"), "# Benchmark results\n\n" + markdown,
        StandardCharsets.UTF_8);
    new Charts(measurements).write(results);
    if (!args[1].equals("-")) {
      updateReadme(Path.of(args[1]), markdown);
    }
  }

  static List<Measurement> read(Path results) throws IOException {
    List<Measurement> measurements = new ArrayList<>();
    try (Stream<Path> files = Files.list(results)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        JsonArray runs = JsonParser.parseString(Files.readString(file)).getAsJsonArray();
        for (JsonElement run : runs) {
          measurements.add(measurement(run.getAsJsonObject()));
        }
      }
    }
    return measurements;
  }

  private static Measurement measurement(JsonObject run) {
    String benchmark = run.get("benchmark").getAsString();
    String[] parts = benchmark.split("\\.");
    JsonObject params = run.has("params") ? run.getAsJsonObject("params") : new JsonObject();
    String variant = params.has("system") ? params.get("system").getAsString()
        : params.keySet().isEmpty() ? ""
        : params.get(params.keySet().iterator().next()).getAsString();
    JsonObject primary = run.getAsJsonObject("primaryMetric");
    double p99 = Double.NaN;
    JsonObject percentiles = primary.getAsJsonObject("scorePercentiles");
    if (percentiles != null && percentiles.has("99.0")) {
      p99 = percentiles.get("99.0").getAsDouble();
    }
    JsonObject secondary = run.getAsJsonObject("secondaryMetrics");
    double bytes = secondaryScore(secondary, "gc.alloc.rate.norm");
    double switches = secondaryScore(secondary, ContextSwitches.RESULT);
    double userMicros = secondaryScore(secondary, CpuTime.USER);
    double kernelMicros = secondaryScore(secondary, CpuTime.KERNEL);
    String group = parts[parts.length - 2];
    if (run.has("jvmArgs") && run.get("jvmArgs").toString().contains(NIO_FLAG)) {
      group += NIO_SUFFIX;
    }
    if (params.has("connections") && !params.get("connections").getAsString().equals("1")) {
      group += "/" + params.get("connections").getAsString() + CONNECTIONS_SUFFIX;
    }
    return new Measurement(group, parts[parts.length - 1], variant,
        run.get("mode").getAsString(), run.get("threads").getAsInt(),
        primary.get("score").getAsDouble(), number(primary.get("scoreError")),
        primary.get("scoreUnit").getAsString(), p99, bytes, switches, userMicros,
        kernelMicros);
  }

  /** The score of the secondary result whose name ends with {@code suffix}; NaN if none. */
  private static double secondaryScore(JsonObject secondary, String suffix) {
    for (String key : secondary.keySet()) {
      if (key.endsWith(suffix)) {
        return secondary.getAsJsonObject(key).get("score").getAsDouble();
      }
    }
    return Double.NaN;
  }

  private static double number(JsonElement element) {
    try {
      return element.getAsDouble();
    } catch (RuntimeException notANumber) {
      return Double.NaN;
    }
  }

  private static void updateReadme(Path readme, String markdown) throws IOException {
    String text = Files.readString(readme);
    String start = "<!-- bench:start -->";
    String end = "<!-- bench:end -->";
    int from = text.indexOf(start);
    int to = text.indexOf(end);
    if (from < 0 || to < from) {
      throw new IllegalStateException(readme + " has no " + start + " ... " + end + " section");
    }
    String images = "![throughput](benchmarks/results/throughput.png)\n"
        + "![latency](benchmarks/results/latency.png)\n\n";
    Files.writeString(readme, text.substring(0, from + start.length()) + "\n" + images
        + markdown.replace("](throughput.png)", "](benchmarks/results/throughput.png)")
        + text.substring(to));
  }
}
