package dev.vireo.rpc.metrics.micrometer;

import dev.vireo.rpc.annotation.Remote;

/** A service to measure. */
@Remote("test.Counter")
public interface Counter {
  int add(int amount);

  /** Fails with a business exception when {@code amount} is negative. */
  int checkedAdd(int amount) throws NegativeAmountException;
}
