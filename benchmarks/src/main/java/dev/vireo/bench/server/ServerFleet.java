package dev.vireo.bench.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ServerFleet <file> <system>...}: starts one server JVM per system, writes
 * {@code system=port,...} to {@code file} once all of them listen, and stops them all when its
 * own standard input closes. {@code bench.sh} runs it for the length of a run and hands the file's
 * content to JMH as {@value ServerLauncher#SERVERS_VARIABLE}.
 */
public final class ServerFleet {
  private ServerFleet() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: ServerFleet <file> <system>...");
      System.exit(2);
    }
    List<ServerLauncher> servers = new ArrayList<>();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> servers.forEach(ServerLauncher::close)));
    StringBuilder ports = new StringBuilder();
    for (int i = 1; i < args.length; i++) {
      ServerLauncher server = ServerLauncher.spawn(args[i]);
      servers.add(server);
      ports.append(ports.isEmpty() ? "" : ",").append(args[i]).append('=').append(server.port());
    }
    Path file = Path.of(args[0]);
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    Files.writeString(partial, ports, StandardCharsets.UTF_8);
    Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
    while (System.in.read() != -1) {
      // run until bench.sh closes our standard input, or goes away
    }
    System.exit(0);
  }
}
