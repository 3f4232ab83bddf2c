package dev.vireo.rpc.it;

import dev.vireo.rpc.RpcServer;
import dev.vireo.rpc.it.services.User;
import dev.vireo.rpc.it.services.UserService;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A Vireo server in a JVM of its own, so a test can kill it the hard way. It prints {@code PORT
 * n} once listening and {@code PENDING} whenever {@code findLater} is called (its future never
 * completes, so the call stays in flight); it exits when its standard
 * input closes (the test, or the test JVM, went away) or after a minute at most.
 */
final class ServerProcess implements AutoCloseable {
  private final Process process;
  private final BufferedReader output;
  final int port;

  private ServerProcess(Process process) throws IOException {
    this.process = process;
    this.output = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.port = Integer.parseInt(awaitLine("PORT ").substring("PORT ".length()));
  }

  static ServerProcess start() throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java,
        "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    return new ServerProcess(new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start());
  }

  /** Reads the server's output until a line starts with {@code prefix}. */
  String awaitLine(String prefix) throws IOException {
    String line;
    while ((line = output.readLine()) != null) {
      if (line.startsWith(prefix)) {
        return line;
      }
    }
    throw new IOException("the server process ended before printing " + prefix);
  }

  /** Kills the process at once, as a crash or {@code kill -9} would. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }

  /** The server's main. */
  static final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
      InMemoryUserService users = new InMemoryUserService() {
        @Override
        public CompletableFuture<User> findLater(String name) {
          System.out.println("PENDING");
          System.out.flush();
          return new CompletableFuture<>();
        }
      };
      RpcServer server = RpcServer.builder().host("127.0.0.1").port(0).build();
      server.export(UserService.class, users);
      server.start();
      System.out.println("PORT " + server.port());
      System.out.flush();
      Thread watchdog = new Thread(() -> {
        try {
          while (System.in.read() != -1) {
            // wait for the parent to go away
          }
        } catch (IOException ignored) {
          // the parent went away
        }
        System.exit(0);
      });
      watchdog.setDaemon(true);
      watchdog.start();
      watchdog.join(TimeUnit.MINUTES.toMillis(1));
      System.exit(0);
    }
  }
}
