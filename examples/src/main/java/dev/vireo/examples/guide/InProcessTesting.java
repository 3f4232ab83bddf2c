package dev.vireo.examples.guide;

import dev.vireo.rpc.RpcClient;
import dev.vireo.rpc.RpcServer;

/** The guide's sample of testing a service without sockets. */
final class InProcessTesting {
  private InProcessTesting() {}

  static int stockInProcess() {
    // [START in-process]
    try (RpcServer server = RpcServer.builder().inProcess("inventory-test").build();
        RpcClient client = RpcClient.builder().inProcess("inventory-test").build()) {
      server.export(Inventory.class, new InMemoryInventory());
      server.start();
      Inventory inventory = client.refer(Inventory.class);   // every call still encoded by Fory
      return inventory.stock("tea");
    }
    // [END in-process]
  }
}
