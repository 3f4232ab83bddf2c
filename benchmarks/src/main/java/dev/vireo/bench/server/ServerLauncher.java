package dev.vireo.bench.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The server of one system, in a JVM of its own (the same jar, the same flags for every system),
 * listening on 127.0.0.1 only.
 *
 * <p>{@code bench.sh} starts one server per system for the whole run ({@link ServerFleet}) and
 * names their ports in the {@value #SERVERS_VARIABLE} environment variable, so every trial talks
 * to a server that earlier trials warmed up; JMH's forks inherit the variable. Without it, a
 * trial starts a server of its own and stops it at the end. Either way the server exits when its
 * standard input closes, so it never outlives the benchmark. {@value #JVM_ARGS_VARIABLE} adds
 * flags to every server JVM (a profiler agent, say).
 */
public final class ServerLauncher implements AutoCloseable {
  /** {@code system=port} pairs separated by commas, written by {@link ServerFleet}. */
  public static final String SERVERS_VARIABLE = "VIREO_BENCH_SERVERS";
  /** Extra flags for every server JVM, separated by spaces. */
  public static final String JVM_ARGS_VARIABLE = "VIREO_BENCH_SERVER_JVM_ARGS";

  private final Process process;
  private final int port;

  private ServerLauncher(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** The running server of {@code system}: the fleet's if there is one, else a new one. */
  public static ServerLauncher start(String system) {
    String fleet = System.getenv(SERVERS_VARIABLE);
    if (fleet != null) {
      for (String entry : fleet.split(",")) {
        String[] systemAndPort = entry.split("=");
        if (systemAndPort.length == 2 && systemAndPort[0].equals(system)) {
          return new ServerLauncher(null, Integer.parseInt(systemAndPort[1].trim()));
        }
      }
    }
    return spawn(system);
  }

  /** Starts a new server JVM for {@code system} and waits until it listens. */
  public static ServerLauncher spawn(String system) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xms512m", "-Xmx512m",
        "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
        "-Dio.netty.leakDetection.level=disabled"));
    String extraFlags = System.getenv(JVM_ARGS_VARIABLE);
    if (extraFlags != null && !extraFlags.isBlank()) {
      command.addAll(Arrays.asList(extraFlags.trim().split("\\s+")));
    }
    command.addAll(List.of(
        "-cp", System.getProperty("java.class.path"), BenchServer.class.getName(), system));
    try {
      Process process = new ProcessBuilder(command)
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
      BufferedReader output = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = output.readLine()) != null) {
        if (line.startsWith("PORT ")) {
          forwardRest(output, system);
          return new ServerLauncher(process, Integer.parseInt(line.substring(5).trim()));
        }
      }
      throw new IllegalStateException("the " + system + " server exited before listening");
    } catch (IOException e) {
      throw new IllegalStateException("could not start the " + system + " server", e);
    }
  }

  /** Keeps reading what the server prints, so that a chatty server never blocks on a full pipe. */
  private static void forwardRest(BufferedReader output, String system) {
    Thread forwarder = new Thread(() -> {
      try {
        String line;
        while ((line = output.readLine()) != null) {
          System.err.println("[" + system + " server] " + line);
        }
      } catch (IOException ignored) {
        // the server exited
      }
    }, system + "-server-output");
    forwarder.setDaemon(true);
    forwarder.start();
  }

  public int port() {
    return port;
  }

  /** Stops the server if this launcher started it; a fleet's server keeps running. */
  @Override
  public void close() {
    if (process == null) {
      return;
    }
    try {
      process.getOutputStream().close();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (IOException | InterruptedException e) {
      process.destroyForcibly();
    }
  }
}
