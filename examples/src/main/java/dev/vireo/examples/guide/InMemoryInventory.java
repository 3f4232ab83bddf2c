package dev.vireo.examples.guide;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** The guide's implementation: plain Java, nothing to extend or annotate. */
public final class InMemoryInventory implements Inventory {
  private final Map<String, Integer> stock = new ConcurrentHashMap<>(Map.of("tea", 3, "cup", 0));

  @Override
  public int stock(String sku) {
    return stock.getOrDefault(sku, 0);
  }

  @Override
  public Item item(String sku) throws UnknownSkuException {
    if (!stock.containsKey(sku)) {
      throw new UnknownSkuException("no item " + sku);
    }
    return new Item(sku.hashCode(), sku, "The " + sku, List.of());
  }

  @Override
  public List<Item> items(List<String> skus) {
    List<Item> items = new ArrayList<>();
    for (String sku : skus) {
      items.add(new Item(sku.hashCode(), sku, "The " + sku, List.of()));
    }
    return items;
  }

  @Override
  public Item item(long id) {
    return new Item(id, "sku-" + id, "Item " + id, List.of());
  }

  @Override
  public CompletableFuture<Item> reserve(String sku, int count) {
    stock.merge(sku, -count, Integer::sum);
    return CompletableFuture.completedFuture(new Item(sku.hashCode(), sku, "The " + sku,
        List.of("reserved")));
  }

  @Override
  public void audit(String event) {}

  @Override
  public Item reload(String sku) {
    return new Item(sku.hashCode(), sku, "The " + sku, List.of("reloaded"));
  }

  @Override
  public boolean ping() {
    return true;
  }
}
