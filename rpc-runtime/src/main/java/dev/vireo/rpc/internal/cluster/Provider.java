package dev.vireo.rpc.internal.cluster;

import dev.vireo.rpc.LoadBalancer;
import dev.vireo.rpc.internal.channel.CallChannel;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One provider of a service as a client's cluster sees it: where, how heavy, how busy, and
 * whether it is set aside. A provider whose calls keep timing out or losing their connection,
 * {@link #FAILURES_BEFORE_EJECTION} in a row, is ejected: no call goes to it for {@link
 * #FIRST_EJECTION} (doubling each time it is ejected again, up to eight times that), unless every
 * provider is ejected. A half-open provider stops getting calls after a few timeouts instead of
 * after heartbeats give up on it.
 */
public final class Provider implements LoadBalancer.Candidate {
  static final int FAILURES_BEFORE_EJECTION = 5;
  static final Duration FIRST_EJECTION = Duration.ofSeconds(10);

  private final String address;
  private final SocketAddress socketAddress;
  private final int weight;
  private final CallChannel channel;
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicInteger failuresInARow = new AtomicInteger();
  private volatile long ejectedUntilNanos;
  private int ejections;

  /** {@code socketAddress} is null for a provider in this JVM. */
  public Provider(String address, SocketAddress socketAddress, int weight, CallChannel channel) {
    this.address = address;
    this.socketAddress = socketAddress;
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
    if (failuresInARow.get() != 0) {
      failuresInARow.set(0);
    }
  }

  /** A call timed out or lost its connection there. */
  void failed() {
    if (failuresInARow.incrementAndGet() >= FAILURES_BEFORE_EJECTION) {
      synchronized (this) {
        if (failuresInARow.get() >= FAILURES_BEFORE_EJECTION) {
          failuresInARow.set(0);
          long ejection = FIRST_EJECTION.toNanos() << Math.min(ejections++, 3);
          ejectedUntilNanos = System.nanoTime() + ejection;
        }
      }
    }
  }

  boolean isEjected(long nowNanos) {
    long until = ejectedUntilNanos;
    return until != 0 && nowNanos - until < 0;
  }

  @Override
  public String toString() {
    return address;
  }
}
