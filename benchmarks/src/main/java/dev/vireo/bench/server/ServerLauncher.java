package dev.vireo.bench.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts a benchmark server in a JVM of its own (the same jar, the same flags for every system)
 * and stops it. The server listens on 127.0.0.1 only, and exits when its standard input closes,
 * so it never outlives the benchmark.
 */
public final class ServerLauncher implements AutoCloseable {
  private final Process process;
  private final int port;

  private ServerLauncher(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  public static ServerLauncher start(String system) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xms512m", "-Xmx512m",
        "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
        "-Dio.netty.leakDetection.level=disabled",
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
          return new ServerLauncher(process, Integer.parseInt(line.substring(5).trim()));
        }
      }
      throw new IllegalStateException("the " + system + " server exited before listening");
    } catch (IOException e) {
      throw new IllegalStateException("could not start the " + system + " server", e);
    }
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
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
