package dev.vireo.rpc.internal.cluster;

import dev.vireo.rpc.LoadBalancer;
import dev.vireo.rpc.internal.channel.CallChannel;
import java.util.concurrent.atomic.AtomicInteger;

/** One provider of a service as a client's cluster sees it: where, how heavy, how busy. */
public final class Provider implements LoadBalancer.Candidate {
  private final String address;
  private final int weight;
  private final CallChannel channel;
  private final AtomicInteger active = new AtomicInteger();

  public Provider(String address, int weight, CallChannel channel) {
    this.address = address;
    this.weight = weight;
    this.channel = channel;
  }

  @Override
  public String address() {
    return address;
  }

  @Override
  public int weight() {
    return weight;
  }

  @Override
  public int activeCalls() {
    return active.get();
  }

  CallChannel channel() {
    return channel;
  }

  void started() {
    active.incrementAndGet();
  }

  void finished() {
    active.decrementAndGet();
  }

  @Override
  public String toString() {
    return address;
  }
}
