package dev.vireo.rpc.internal.cluster;

import dev.vireo.rpc.CallInfo;
import dev.vireo.rpc.LoadBalancer;
import dev.vireo.rpc.RpcException;
import dev.vireo.rpc.RpcStatus;
import dev.vireo.rpc.internal.protocol.Request;
import dev.vireo.rpc.internal.protocol.Response;
import dev.vireo.rpc.stub.MethodDescriptor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The one place a client decides where each call of one referred service goes: its {@link
 * Directory} says which providers there are, its {@link LoadBalancer} picks one, and a call that
 * failed there is sent to another provider when that is safe (see {@link Attempts}).
 *
 * <p>With a single provider there is nothing to choose and nowhere else to go, so its calls go
 * straight to its channel, without the bookkeeping retries need.
 */
public final class Cluster implements AutoCloseable {
  final String service;
  final String tag;
  final Directory directory;
  final LoadBalancer balancer;
  final int retries;

  /** {@code retries}: how often a call that may have run is sent again, if it is idempotent. */
  public Cluster(String service, String tag, Directory directory, LoadBalancer balancer,
      int retries) {
    this.service = service;
    this.tag = tag;
    this.directory = directory;
    this.balancer = balancer;
    this.retries = retries;
  }

  /**
   * Whether a call's body would go as it is to one provider, the only one known, and never again
   * to another: {@link #send} then hands it to that provider's channel, which may frame it in place.
   */
  public boolean sendsBodyOnce() {
    return directory.providers().size() == 1;
  }

  /** Whether calls must come with the hash of their first argument. */
  public boolean usesAffinity() {
    return balancer.usesAffinity();
  }

  /**
   * Sends {@code request}, taking over its body, as {@link
   * dev.vireo.rpc.internal.channel.CallChannel#send} does: the future completes with the reply or
   * fails with an {@link RpcException}; a caller that gives up completes it itself. {@code call}
   * is what the interceptors see (it learns where the call went), or null if there are none.
   */
  public CompletableFuture<Response> send(Request request, MethodDescriptor method, int affinity,
      CallInfo call) {
    List<Provider> providers = directory.providers();
    if (providers.size() == 1) {
      Provider only = providers.get(0);
      if (call != null) {
        call.peer(only.socketAddress(), List.of());
      }
      return only.channel().send(request);
    }
    if (providers.isEmpty()) {
      request.release();
      return CompletableFuture.failedFuture(new RpcException(RpcStatus.UNAVAILABLE,
          "no provider is known: " + directory.describe(), false, null));
    }
    return new Attempts(this, request, method, affinity, call).start();
  }

  /** Waits up to {@code timeout} until a first provider is known, as its directory says. */
  public void awaitFirstProvider(Duration timeout) throws InterruptedException {
    directory.awaitFirstProvider(timeout);
  }

  /** Where the providers are, for messages. */
  public String describe() {
    return directory.describe();
  }

  @Override
  public void close() {
    directory.close();
  }
}
