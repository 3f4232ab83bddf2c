package dev.vireo.examples.guide;

import dev.vireo.rpc.ExportOptions;
import dev.vireo.rpc.RpcServer;
import java.time.Duration;
import java.util.concurrent.ExecutorService;

/** The guide's serving samples. */
final class Serving {
  private Serving() {}

  static RpcServer serve() {
    // [START serve]
    RpcServer server = RpcServer.builder()
        .host("127.0.0.1")                       // bind address; default: every interface
        .port(0)                                 // 0: the system picks a free port
        .threads(64).queue(1024)                 // the shared pool, and its queue
        .shutdownTimeout(Duration.ofSeconds(10)) // how long close() lets calls finish
        .build();
    server.export(Inventory.class, new InMemoryInventory());
    server.start();                              // returns once clients can connect
    int port = server.port();
    // [END serve]
    System.out.println("serving on " + port);
    return server;
  }

  static void exportOptions(RpcServer server, ExecutorService mine) {
    // [START export]
    server.export(Inventory.class, "v2", new InMemoryInventory());   // a second, tagged one
    server.export(Inventory.class, "read-only", new InMemoryInventory(), ExportOptions.builder()
        .methods("stock", "item")          // only these (every overload); others: METHOD_NOT_FOUND
        .threads(4).queue(16)              // its own pool: a slow service cannot take every thread
        .build());
    server.export(Inventory.class, "mine", new InMemoryInventory(), ExportOptions.builder()
        .executor(mine)                    // your own executor; the server never shuts it down
        .build());
    server.export(Inventory.class, "fast", new InMemoryInventory(), ExportOptions.builder()
        .direct(true)                      // on the I/O thread: only for code that never blocks
        .build());
    // [END export]
  }
}
