package dev.vireo.bench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/** Bar charts of the TCP runs: throughput at 32 callers, p99 latency at 1 caller. */
final class Charts {
  private final List<Measurement> measurements;

  Charts(List<Measurement> measurements) {
    this.measurements = measurements;
  }

  void write(Path directory) throws IOException {
    System.setProperty("java.awt.headless", "true");
    chart(directory.resolve("throughput"), "UserService over TCP, 32 callers", "ops/s",
        m -> m.threads() == 32 && m.mode().equals("thrpt"), Measurement::score);
    chart(directory.resolve("latency"), "UserService over TCP, 1 caller: p99 latency", "µs",
        m -> m.threads() == 1 && m.mode().equals("sample"), m -> micros(m));
  }

  private void chart(Path file, String title, String unit,
      Predicate<Measurement> which, ToDoubleFunction<Measurement> value)
      throws IOException {
    List<Measurement> rows = measurements.stream()
        .filter(m -> m.group().equals("UserServiceBenchmark") && which.test(m)).toList();
    if (rows.isEmpty()) {
      return;
    }
    Set<String> systems = new LinkedHashSet<>();
    rows.forEach(m -> systems.add(m.variant()));
    List<String> operations = Tables.OPERATIONS.stream()
        .filter(op -> rows.stream().anyMatch(m -> m.operation().equals(op))).toList();
    CategoryChart chart = new CategoryChartBuilder().width(900).height(480).title(title)
        .xAxisTitle("operation").yAxisTitle(unit).build();
    for (String system : systems) {
      List<Double> values = new ArrayList<>();
      for (String operation : operations) {
        values.add(rows.stream()
            .filter(m -> m.variant().equals(system) && m.operation().equals(operation))
            .mapToDouble(value).findFirst().orElse(0));
      }
      chart.addSeries(system, operations, values);
    }
    BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  private static double micros(Measurement m) {
    return switch (m.unit()) {
      case "ns/op" -> m.p99() / 1_000;
      case "ms/op" -> m.p99() * 1_000;
      case "s/op" -> m.p99() * 1_000_000;
      default -> m.p99();
    };
  }
}
