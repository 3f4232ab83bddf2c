package dev.vireo.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/** The Markdown tables of a run: one per benchmark group and thread count. */
final class Tables {
  /** The raw clients of the raw server: two implementations, so that neither flatters Vireo. */
  static final List<String> RAW_BASELINES = List.of("netty", "sockets");
  static final List<String> OPERATIONS =
      List.of("add", "existUser", "createUser", "getUser", "listUser");
  private final List<Measurement> measurements;

  Tables(List<Measurement> measurements) {
    this.measurements = measurements;
  }

  String render(String machine) {
    StringBuilder out = new StringBuilder();
    out.append("Measured on ").append(machine).append(". Every figure is JMH's score ± its"
        + " 99.9% error; ratios compare systems measured in the same run.\n\n");
    section(out, "Binding alone: stub to implementation, no serialization, no I/O",
        "DispatchBenchmark", 1, List.of("direct"));
    section(out, "In-process transport: real serialization, no socket", "InProcessBenchmark", 1,
        List.of());
    section(out, "Serialization alone: getUser's user and listUser's page of 15 in a reply body,"
        + " records through the processor's codecs (`codecs`) or Fory's generated serializers"
        + " (`fory`)", "SerializationBenchmark", 1, List.of("fory"),
        List.of("encodeUser", "decodeUser", "encodePage", "decodePage"));
    out.append("Over TCP, every ratio is to the stronger of the two raw baselines for that"
        + " operation: `netty` (Netty, callers' frames flushed once per burst) or `sockets` (the"
        + " JDK's blocking sockets, a writer and a reader thread). B/op is what the client"
        + " allocates per call; switches/op the machine's context switches per call, client and"
        + " server together; CPU the CPU time of everything the machine ran, per call, in user"
        + " mode + in the kernel (both read from /proc/stat): the user share is mostly what the"
        + " two JVMs do for a call, the kernel's the sockets' system calls and the threads'"
        + " wake-ups.\n\n");
    section(out, "TCP on 127.0.0.1, 32 callers sharing one connection (epoll)",
        "UserServiceBenchmark", 32, RAW_BASELINES);
    section(out, "TCP on 127.0.0.1, 32 callers sharing one connection, on NIO",
        "UserServiceBenchmark" + Report.NIO_SUFFIX, 32, RAW_BASELINES);
    section(out, "TCP on 127.0.0.1, 256 callers sharing one connection (epoll)",
        "UserServiceBenchmark", 256, RAW_BASELINES);
    heldUnderLoad(out);
    section(out, "TCP on 127.0.0.1, 64 callers over 64 connections (epoll)",
        "UserServiceBenchmark/64" + Report.CONNECTIONS_SUFFIX, 64, RAW_BASELINES);
    section(out, "TCP on 127.0.0.1, 1 caller (epoll)", "UserServiceBenchmark", 1, RAW_BASELINES);
    pipelined(out);
    out.append("Cold start: each figure is the mean over fresh client JVMs against fresh server"
        + " JVMs, one measurement each. The first reply's time includes starting the server's"
        + " JVM; raw `netty` has no serialization to warm up, so it is the floor.\n\n");
    section(out, "Cold start: server start to first reply, and the first 1,000 calls",
        "ColdStartBenchmark", 1, List.of(), List.of("firstReply", "firstThousandCalls"));
    virtualThreads(out);
    return out.toString();
  }

  /**
   * One caller keeping many asynchronous calls in flight, each cell's ratio to the same system's
   * 32 blocking callers in this run.
   */
  private void pipelined(StringBuilder out) {
    againstThirtyTwoCallers(out, "TCP on 127.0.0.1, 1 caller keeping 128 asynchronous calls in"
        + " flight", measurements.stream()
        .filter(m -> m.group().equals("PipelinedCallsBenchmark")).toList());
  }

  /** 256 callers on one connection, each cell's ratio to the same system's 32 callers. */
  private void heldUnderLoad(StringBuilder out) {
    againstThirtyTwoCallers(out, "256 callers against 32 (whether each system holds its speed)",
        measurements.stream().filter(m -> m.group().equals("UserServiceBenchmark")
            && m.threads() == 256).toList());
  }

  /** A table of {@code rows}, each cell's ratio to the same system's 32 blocking callers. */
  private void againstThirtyTwoCallers(StringBuilder out, String title, List<Measurement> rows) {
    if (rows.isEmpty()) {
      return;
    }
    Set<String> systems = new LinkedHashSet<>();
    rows.forEach(m -> systems.add(m.variant()));
    out.append("### ").append(title).append("\n\n"
        + "Each ratio is to the same system's 32 blocking callers above.\n\n| operation |");
    systems.forEach(v -> out.append(' ').append(v).append(" |"));
    out.append("\n|---|");
    systems.forEach(v -> out.append("---|"));
    out.append('\n');
    List<Measurement> blockingRows = measurements.stream().filter(m -> m.group()
        .equals("UserServiceBenchmark") && m.threads() == 32).toList();
    for (String operation : OPERATIONS) {
      if (rows.stream().noneMatch(m -> m.operation().equals(operation))) {
        continue;
      }
      out.append("| ").append(operation).append(" |");
      for (String system : systems) {
        Measurement cell = find(rows, operation, system);
        Measurement blocking = find(blockingRows, operation, system);
        out.append(' ').append(cell == null ? "" : cell(cell, blocking)).append(" |");
      }
      out.append('\n');
    }
    out.append('\n');
  }

  /**
   * Calls from a new virtual thread each against calls from one pool thread: time and bytes per
   * call, and the bytes of the call alone, less those of the same task doing nothing.
   */
  private void virtualThreads(StringBuilder out) {
    List<Measurement> rows = measurements.stream()
        .filter(m -> m.group().equals("VirtualThreadsBenchmark")).toList();
    if (rows.isEmpty()) {
      return;
    }
    out.append("### A call from a new virtual thread each, against calls from one pool thread\n\n"
        + "getUser through the in-process transport, the server's side on the calling thread"
        + " (`direct`) or on the server's pool (`pooled`, so that only the client's side runs on"
        + " the caller's thread); the call's own bytes are the task's less those of the same task"
        + " doing nothing on the same kind of thread.\n\n"
        + "| export | caller | time, B/op | the call's own B/op |\n|---|---|---|---|\n");
    for (String export : List.of("direct", "pooled")) {
      for (String where : List.of("Pool", "NewVirtualThread")) {
        Measurement call = find(rows, "callFrom" + where, export);
        Measurement empty = find(rows, "emptyOn" + where, export);
        if (call == null) {
          continue;
        }
        out.append("| `").append(export).append("` | ")
            .append(where.equals("Pool") ? "pool thread" : "new virtual thread")
            .append(" | ").append(cell(call, null)).append(" | ")
            .append(empty == null ? "" : String.format(Locale.ROOT, "%.0f",
                call.bytesPerOp() - empty.bytesPerOp()))
            .append(" |\n");
      }
    }
    out.append('\n');
  }

  private static Measurement find(List<Measurement> rows, String operation, String variant) {
    return rows.stream()
        .filter(m -> m.operation().equals(operation) && m.variant().equals(variant))
        .findFirst().orElse(null);
  }

  /** Ratios are to the best of {@code baselines} for each operation; none if it is empty. */
  private void section(StringBuilder out, String title, String group, int threads,
      List<String> baselines) {
    section(out, title, group, threads, baselines, OPERATIONS);
  }

  /** A table whose rows are the benchmark methods {@code operations}. */
  private void section(StringBuilder out, String title, String group, int threads,
      List<String> baselines, List<String> operations) {
    List<Measurement> rows = measurements.stream()
        .filter(m -> m.group().equals(group) && m.threads() == threads).toList();
    if (rows.isEmpty()) {
      return;
    }
    Set<String> variants = new LinkedHashSet<>();
    rows.forEach(m -> variants.add(m.variant()));
    out.append("### ").append(title).append("\n\n| operation |");
    variants.forEach(v -> out.append(' ').append(v).append(" |"));
    out.append("\n|---|");
    variants.forEach(v -> out.append("---|"));
    out.append('\n');
    for (String operation : operations) {
      List<Measurement> cells = new ArrayList<>();
      for (String variant : variants) {
        cells.add(find(rows, operation, variant));
      }
      if (cells.stream().allMatch(Objects::isNull)) {
        continue;
      }
      Measurement base = rows.stream()
          .filter(m -> m.operation().equals(operation) && baselines.contains(m.variant()))
          .reduce((a, b) -> better(a, b) ? a : b).orElse(null);
      out.append("| ").append(operation).append(" |");
      for (Measurement cell : cells) {
        out.append(' ').append(cell == null ? "" : cell(cell, base)).append(" |");
      }
      out.append('\n');
    }
    out.append('\n');
  }

  /** Whether {@code a} is the faster: more operations per second, or less time per operation. */
  private static boolean better(Measurement a, Measurement b) {
    return a.mode().equals("thrpt") ? a.score() >= b.score() : a.score() <= b.score();
  }

  private static String cell(Measurement m, Measurement base) {
    StringBuilder text = new StringBuilder();
    if (m.mode().equals("sample")) {
      text.append(String.format(Locale.ROOT, "mean %s, p99 %s", latency(m.score(), m.unit()),
          latency(m.p99(), m.unit())));
    } else {
      text.append(format(m.score())).append(error(m.error())).append(' ').append(m.unit());
    }
    if (base != null && base != m && base.score() > 0) {
      if (m.mode().equals("avgt")) {
        text.append(String.format(Locale.ROOT, " (+%s %s)", format(m.score() - base.score()),
            m.unit().replace("/op", "")));
      } else {
        double ratio = m.mode().equals("thrpt") ? m.score() / base.score()
            : base.score() / m.score();
        text.append(String.format(Locale.ROOT, " (%.2f×)", ratio));
      }
    }
    if (!Double.isNaN(m.bytesPerOp())) {
      text.append(String.format(Locale.ROOT, ", %.0f B/op", m.bytesPerOp()));
    }
    if (!Double.isNaN(m.switchesPerOp())) {
      text.append(String.format(Locale.ROOT, ", %.2f switches/op", m.switchesPerOp()));
    }
    if (!Double.isNaN(m.userMicrosPerOp()) && !Double.isNaN(m.kernelMicrosPerOp())) {
      text.append(String.format(Locale.ROOT, ", CPU %.1f + %.1f µs/op",
          m.userMicrosPerOp(), m.kernelMicrosPerOp()));
    }
    return text.toString();
  }

  private static String latency(double value, String unit) {
    double micros = switch (unit) {
      case "ns/op" -> value / 1_000;
      case "ms/op" -> value * 1_000;
      case "s/op" -> value * 1_000_000;
      default -> value;
    };
    return String.format(Locale.ROOT, "%.0f µs", micros);
  }

  private static String format(double value) {
    return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value)
        : String.format(Locale.ROOT, "%.1f", value);
  }

  private static String error(double error) {
    return Double.isNaN(error) ? "" : " ± " + format(error);
  }
}
