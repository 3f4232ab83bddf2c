package dev.vireo.examples.guide;

// [START declare]
import dev.vireo.rpc.annotation.Idempotent;
import dev.vireo.rpc.annotation.Oneway;
import dev.vireo.rpc.annotation.Remote;
import dev.vireo.rpc.annotation.Timeout;
import java.util.List;
import java.util.concurrent.CompletableFuture;

@Remote("shop.Inventory")                        // the wire name; default: the canonical name
public interface Inventory {
  int stock(String sku);                         // primitives, strings, boxes

  Item item(String sku) throws UnknownSkuException;   // records; declared exceptions arrive as themselves

  List<Item> items(List<String> skus);           // generic parameters and results

  Item item(long id);                            // overloads are fine

  CompletableFuture<Item> reserve(String sku, int count);   // asynchronous on both sides

  @Oneway
  void audit(String event);                      // sent, never answered: void only

  @Idempotent
  Item reload(String sku);                       // safe to run twice: may be retried elsewhere

  @Timeout(millis = 200)
  boolean ping();                                // its own deadline

  default boolean inStock(String sku) {          // not remote: runs on the client
    return stock(sku) > 0;
  }
}
// [END declare]
