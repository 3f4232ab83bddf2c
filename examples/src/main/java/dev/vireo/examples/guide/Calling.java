package dev.vireo.examples.guide;

import dev.vireo.rpc.RpcClient;
import dev.vireo.rpc.RpcException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The guide's calling samples. */
final class Calling {
  private Calling() {}

  static List<String> call(int port) throws Exception {
    // [START call]
    try (RpcClient client = RpcClient.builder()
        .address("127.0.0.1", port)              // several address(..) calls: several providers
        .timeout(Duration.ofSeconds(1))          // the deadline of methods without @Timeout
        .build()) {
      Inventory inventory = client.refer(Inventory.class);            // the generated stub
      InventoryAsync async = client.refer(InventoryAsync.class);      // every method async
      Inventory v2 = client.refer(Inventory.class, "v2");             // a tagged implementation

      int tea = inventory.stock("tea");                              // blocks until the reply
      CompletableFuture<Integer> later = async.stock("tea");         // never blocks
      inventory.audit("looked at tea");                              // returns once sent
      boolean inStock = v2.inStock("tea");                           // runs here, calls stock()
      // [END call]
      return List.of(String.valueOf(tea), String.valueOf(later.get()), String.valueOf(inStock),
          errors(inventory));
    }
  }

  static String errors(Inventory inventory) {
    // [START errors]
    try {
      return inventory.item("nothing").name();
    } catch (UnknownSkuException e) {        // the method ran and threw: a business exception
      return "unknown: " + e.getMessage();
    } catch (RpcException e) {               // the call failed: see why, and whether it ran
      if (!e.mayHaveRun()) {
        return "never ran (" + e.status() + "): safe to try again";
      }
      throw e;
    }
    // [END errors]
  }
}
