package dev.vireo.rpc.internal.cluster;

import dev.vireo.rpc.LoadBalancer;
import dev.vireo.rpc.internal.channel.CallChannel;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One provider of a service as a client's cluster sees it: where, how heavy, how busy, and
 * whether it is set aside ({@link ProviderHealth}).
 */
public final class Provider implements LoadBalancer.Candidate {
  private final String address;
  private final SocketAddress socketAddress;
  private final int weight;
  private final CallChannel channel;
  private final AtomicInteger active;
  private final ProviderHealth health;

  /** {@code socketAddress} is null for a provider in this JVM. */
  public Provider(String address, SocketAddress socketAddress, int weight, CallChannel channel) {
    this(address, socketAddress, weight, channel, new AtomicInteger(), new ProviderHealth());
  }

  private Provider(String address, SocketAddress socketAddress, int weight, CallChannel channel,
      AtomicInteger active, ProviderHealth health) {
    this.address = address;
    this.socketAddress = socketAddress;
    this.weight = weight;
    this.channel = channel;
    this.active = active;
    this.health = health;
  }

  /**
   * The same provider with another weight: a new candidate for the balancers (a hash ring is
   * rebuilt for it), with the same calls in flight and the same ejection.
   */
  Provider reweighted(int newWeight) {
    return new Provider(address, socketAddress, newWeight, channel, active, health);
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

  /** Where it listens, for interceptors; null in process. */
  SocketAddress socketAddress() {
    return socketAddress;
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

  /** A reply came back, whatever it said: the provider is alive. */
  void answered() {
    health.answered();
  }

  /** A call timed out there ({@code loss} null), or lost its connection ({@code loss}). */
  void failed(Throwable loss, long nowNanos) {
    health.failed(loss, nowNanos);
  }

  boolean isEjected(long nowNanos) {
    return health.isEjected(nowNanos);
  }

  @Override
  public String toString() {
    return address;
  }
}
