package dev.vireo.examples.guide;

import dev.vireo.rpc.LoadBalancer;
import dev.vireo.rpc.RpcClient;
import dev.vireo.rpc.RpcServer;
import dev.vireo.rpc.registry.Registry;
import dev.vireo.rpc.registry.zookeeper.ZooKeeperRegistry;

/** The guide's discovery sample. */
final class Discovery {
  private Discovery() {}

  static int stockThroughZooKeeper(String zookeeperAddress) {
    // [START discovery]
    try (Registry registry = ZooKeeperRegistry.connect(zookeeperAddress);
        RpcServer server = RpcServer.builder()
            .host("127.0.0.1").port(0)
            .registry(registry)                  // registers once started, withdraws on close
            .weight(100)                         // its share of calls among the providers
            .build();
        RpcClient client = RpcClient.builder()
            .registry(registry)                  // follows the providers as they come and go
            .loadBalancer(LoadBalancer.leastActive())
            .retries(2)                          // @Idempotent calls, after a broken connection
            .build()) {
      server.export(Inventory.class, new InMemoryInventory());
      server.start();
      Inventory inventory = client.refer(Inventory.class);   // waits for a first provider
      return inventory.stock("tea");
    }
    // [END discovery]
  }
}
