package dev.vireo.rpc.internal.cluster;

import dev.vireo.rpc.CallInfo;
import dev.vireo.rpc.RpcException;
import dev.vireo.rpc.RpcStatus;
import dev.vireo.rpc.internal.channel.ReplyFuture;
import dev.vireo.rpc.internal.protocol.Request;
import dev.vireo.rpc.internal.protocol.Response;
import dev.vireo.rpc.internal.protocol.StatusError;
import dev.vireo.rpc.stub.MethodDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

/**
 * One call's tries across the providers of a cluster, inside the call's deadline:
 *
 * <ul>
 *   <li>a failure proving the call never reached the provider (no connection, a server that is
 *       closing, a full queue, a provider without the service) sends it to a provider not tried
 *       yet, as long as there is one;
 *   <li>a connection lost with the call in flight, after which the method may have run, sends
 *       it again only if the method is {@code @Idempotent}, at most the cluster's {@code retries}
 *       times, preferring providers not tried yet;
 *   <li>anything else, and the last failure when no try is left, is the call's outcome.
 * </ul>
 *
 * <p>Each try sends its own view of the body, which this object keeps until the outcome is known.
 */
final class Attempts implements BiConsumer<Response, Throwable> {
  private final Cluster cluster;
  private final Request request;
  private final MethodDescriptor method;
  private final int affinity;
  private CallInfo call;
  private final long deadlineNanos;
  private final CompletableFuture<Response> outcome = new ReplyFuture();
  private final List<Provider> tried = new ArrayList<>(2);
  private int retriesLeft;
  /** Whether a try failed after its method may have run: then the call's outcome says so. */
  private boolean mayHaveRun;
  private Provider provider;
  private volatile CompletableFuture<Response> current;

  Attempts(Cluster cluster, Request request, MethodDescriptor method, int affinity,
      CallInfo call) {
    this.cluster = cluster;
    this.request = request;
    this.method = method;
    this.affinity = affinity;
    this.call = call;
    this.retriesLeft = method.isIdempotent() ? cluster.retries : 0;
    this.deadlineNanos = request.timeoutMicros() > 0
        ? System.nanoTime() + TimeUnit.MICROSECONDS.toNanos(request.timeoutMicros())
        : Long.MAX_VALUE;
  }

  CompletableFuture<Response> start() {
    outcome.whenComplete((reply, failure) -> {
      CompletableFuture<Response> inFlight = current;
      if (failure != null && inFlight != null) {
        inFlight.completeExceptionally(failure);
      }
    });
    tryNext(null, false);
    return outcome;
  }

  /** Sends the call to a provider not tried yet, or to any other if {@code anyOther}. */
  private void tryNext(Throwable previous, boolean anyOther) {
    if (outcome.isDone()) {
      request.release(); // the caller gave up since the last try ended: no other is made
      return;
    }
    Provider next;
    try {
      next = choose(anyOther);
    } catch (RuntimeException broken) {
      // The user's balancer: what it throws ends the call, which on a retry would otherwise be
      // lost on the event loop.
      finish(null, new RpcException(RpcStatus.INTERNAL, "the load balancer failed to pick a"
          + " provider among " + cluster.describe() + ": " + broken, mayHaveRun, broken));
      return;
    }
    long left = deadlineNanos - System.nanoTime();
    if (next == null || left <= 0) {
      finish(null, previous != null ? lastOf(previous) : new RpcException(RpcStatus.UNAVAILABLE,
          "no provider is reachable among " + cluster.describe(), mayHaveRun, null));
      return;
    }
    provider = next;
    tried.add(next);
    call.peer(next.socketAddress(), List.of());
    long timeoutMicros = deadlineNanos == Long.MAX_VALUE ? 0
        : Math.max(1, TimeUnit.NANOSECONDS.toMicros(left));
    // A slice: its readable bytes start at its index 0, so no frame is written into its room, which
    // it shares with the kept body and with the tries before it, whose frames may wait unwritten.
    Request attempt = new Request(request.service(), request.methodId(), request.oneway(),
        timeoutMicros, request.attachments(), request.body().retainedSlice());
    next.started();
    CompletableFuture<Response> sent;
    try {
      sent = next.channel().send(attempt);
    } catch (RuntimeException broken) {
      next.finished();
      finish(null, new RpcException(RpcStatus.INTERNAL, "could not send to " + next + ": "
          + broken, mayHaveRun, broken));
      return;
    }
    current = sent;
    sent.whenComplete(this);
    if (outcome.isCompletedExceptionally()) {
      sent.completeExceptionally(new RpcException(RpcStatus.CANCELLED,
          "the caller gave up while the call was being sent", true, null));
    }
  }

  /**
   * A provider for the next try: among those not tried yet (or any but the last), the connected
   * ones that are not ejected, else the connected ones, else those connecting.
   */
  private Provider choose(boolean anyOther) {
    long now = System.nanoTime();
    // One list, of the best tier seen so far: 2 healthy, 1 connected but ejected, 0 connecting.
    List<Provider> candidates = new ArrayList<>();
    int tier = -1;
    for (Provider candidate : cluster.directory.providers()) {
      boolean fresh = !tried.contains(candidate) || anyOther && candidate != provider;
      int candidateTier = !fresh ? -1
          : candidate.channel().isReady() ? (candidate.isEjected(now) ? 1 : 2)
          : candidate.channel().isConnecting() ? 0 : -1;
      if (candidateTier < 0 || candidateTier < tier) {
        continue;
      }
      if (candidateTier > tier) {
        candidates.clear();
        tier = candidateTier;
      }
      candidates.add(candidate);
    }
    if (candidates.isEmpty()) {
      return null;
    }
    if (call == null) {
      call = new CallInfo(cluster.service, cluster.tag, method.signature(), request.oneway()
          ? CallInfo.Kind.ONEWAY : CallInfo.Kind.BLOCKING, 0, request.attachments());
    }
    return cluster.balancer.pick(candidates, call, affinity);
  }

  @Override
  public void accept(Response reply, Throwable failure) {
    provider.finished();
    if (reply != null) {
      provider.answered();
    }
    if (outcome.isDone()) {
      // The caller gave up while this try was out: nothing more will be tried.
      request.release();
      if (reply != null) {
        reply.release();
      } else if (isTimeout(failure)) {
        // the caller's deadline passed while this provider had the call (a caller that
        // cancelled says nothing about the provider)
        provider.failed(null, System.nanoTime());
      }
      return;
    }
    if (failure != null) {
      RpcException rpc = rpcFailure(failure);
      if (rpc != null && rpc.status() == RpcStatus.UNAVAILABLE && rpc.mayHaveRun()) {
        provider.failed(rpc, System.nanoTime());
      }
      if (rpc != null && !rpc.mayHaveRun()) {
        tryNext(failure, false);
      } else if (rpc != null && rpc.status() == RpcStatus.UNAVAILABLE && retriesLeft > 0) {
        retriesLeft--;
        mayHaveRun = true;
        tryNext(failure, true);
      } else {
        finish(null, failure);
      }
      return;
    }
    if (reply != null && isRefusal(reply) && (hasUntried() || mayHaveRun)) {
      // Another provider may take it; if none can, the refusal is what the caller is told.
      StatusError refusal = StatusError.read(reply);
      reply.release();
      tryNext(new RpcException(refusal.status(), refusal.message(), false, null), false);
      return;
    }
    finish(reply, null);
  }

  /**
   * The call's outcome when {@code last}, the last try's failure, ends it: a try that says it
   * did not run does not make the call's outcome say so when an earlier one may have run.
   */
  private Throwable lastOf(Throwable last) {
    RpcException rpc = rpcFailure(last);
    if (!mayHaveRun || rpc == null || rpc.mayHaveRun()) {
      return last;
    }
    return new RpcException(rpc.status(), rpc.detail() + "; an earlier try, which failed after"
        + " it was sent, may have run it", true, rpc.getCause());
  }

  /**
   * Whether {@code reply} says the server refused the call before running it. A refusal whose
   * body cannot be read is passed on as it is, for the caller to fail with {@code SERIALIZATION}.
   */
  private static boolean isRefusal(Response reply) {
    int status = reply.status();
    if (status != RpcStatus.UNAVAILABLE.code() && status != RpcStatus.OVERLOADED.code()
        && status != RpcStatus.SERVICE_NOT_FOUND.code()
        && status != RpcStatus.RESOURCE_EXHAUSTED.code()) {
      return false;
    }
    try {
      return !StatusError.read(reply).mayHaveRun();
    } catch (RuntimeException malformed) {
      return false;
    }
  }

  private boolean hasUntried() {
    for (Provider candidate : cluster.directory.providers()) {
      if (!tried.contains(candidate)) {
        return true;
      }
    }
    return false;
  }

  private void finish(Response reply, Throwable failure) {
    request.release();
    boolean delivered = failure == null ? outcome.complete(reply)
        : outcome.completeExceptionally(failure);
    if (!delivered && reply != null) {
      reply.release();
    }
  }


  private static boolean isTimeout(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause()
        : failure;
    return cause instanceof TimeoutException
        || cause instanceof RpcException rpc && rpc.status() == RpcStatus.TIMEOUT;
  }

  private static RpcException rpcFailure(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause()
        : failure;
    return cause instanceof RpcException rpc ? rpc : null;
  }
}
