package dev.vireo.rpc.internal.invoker;

import dev.vireo.rpc.CallContext;
import dev.vireo.rpc.CallInfo;
import dev.vireo.rpc.CallOutcome;
import dev.vireo.rpc.RpcException;
import dev.vireo.rpc.RpcStatus;
import dev.vireo.rpc.internal.channel.ReplyFuture;
import dev.vireo.rpc.internal.protocol.Frames;
import dev.vireo.rpc.internal.protocol.Request;
import dev.vireo.rpc.internal.protocol.Response;
import dev.vireo.rpc.internal.protocol.ResponseStatus;
import dev.vireo.rpc.internal.protocol.StatusError;
import dev.vireo.rpc.internal.protocol.ThrownException;
import dev.vireo.rpc.internal.serialization.BodyReader;
import dev.vireo.rpc.internal.serialization.BodyWriter;
import dev.vireo.rpc.stub.ValueReader;
import dev.vireo.rpc.stub.ValueWriter;
import dev.vireo.rpc.stub.ClientCall;
import dev.vireo.rpc.stub.MethodDescriptor;
import dev.vireo.rpc.stub.ResultDecoder;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One call from a stub: encodes, sends, waits or not, and decodes the reply or the failure. The
 * caller never waits past the call's deadline: its {@code @Timeout}, the client's default, or
 * what remains of the call being served on this thread, whichever ends first.
 */
final class OutgoingCall implements ClientCall {
  private final ServiceInvoker invoker;
  private final MethodDescriptor method;
  private final BodyWriter arguments;
  private boolean sent;
  private boolean oneway;
  private long timeoutNanos;
  private Response response;
  /** What the interceptors see; null without interceptors. */
  private CallInfo call;
  private boolean ended;
  /** A blocking call's result, which the stub decodes before the call ends (at close). */
  private BodyReader result;

  OutgoingCall(ServiceInvoker invoker, MethodDescriptor method, BodyWriter arguments) {
    this.invoker = invoker;
    this.method = method;
    this.arguments = arguments;
  }

  @Override
  public ValueWriter arguments() {
    return arguments;
  }

  /**
   * Sends the call and waits. A result is returned undecoded: the stub decodes it, and the call
   * ends (for the interceptors) at {@link #close()}, once the stub has read it, as a success or,
   * if it could not be decoded, as {@code SERIALIZATION}, the outcome an asynchronous call reports.
   */
  @Override
  public ValueReader invoke() {
    try {
      response = await(send(CallInfo.Kind.BLOCKING));
      if (response.status() == ResponseStatus.OK) {
        result = invoker.serializer.newReader(response.body());
        return result;
      }
      Throwable failure = failureOf(response);
      if (!(failure instanceof RpcException)) {
        appendCallerFrames(failure);
      }
      throw Sneaky.<RuntimeException>rethrow(failure);
    } catch (Throwable failure) {
      // Throwable, not RuntimeException: a declared checked exception is rethrown as itself.
      ended(failure);
      throw Sneaky.<RuntimeException>rethrow(failure);
    }
  }

  private Response await(CompletableFuture<Response> reply) {
    try {
      return ReplyFuture.await(reply, timeoutNanos);
    } catch (TimeoutException e) {
      RpcException timeout = timeout();
      if (reply.completeExceptionally(timeout)) {
        throw timeout;
      }
      return replyThatJustArrived(reply);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      RpcException cancelled = new RpcException(RpcStatus.CANCELLED,
          "interrupted while waiting for " + where(), true, e);
      if (!reply.completeExceptionally(cancelled) && !reply.isCompletedExceptionally()) {
        Response arrived = reply.join(); // it came as the wait was interrupted; null if one-way
        if (arrived != null) {
          arrived.release();
        }
      }
      throw cancelled;
    } catch (ExecutionException e) {
      throw withContext(e.getCause());
    }
  }

  /** The reply that completed {@code reply} between the wait's end and the attempt to time out. */
  private Response replyThatJustArrived(CompletableFuture<Response> reply) {
    try {
      return reply.join();
    } catch (CompletionException | CancellationException e) {
      throw withContext(e.getCause() == null ? e : e.getCause());
    }
  }

  @Override
  public <R> CompletableFuture<R> invokeAsync(ResultDecoder<R> decoder) {
    CompletableFuture<Response> reply;
    try {
      reply = send(CallInfo.Kind.ASYNC);
    } catch (RpcException e) {
      ended(e);
      return CompletableFuture.failedFuture(e);
    } catch (RuntimeException e) {
      RpcException failure = withContext(e);
      ended(failure);
      return CompletableFuture.failedFuture(failure);
    }
    reply.orTimeout(timeoutNanos, TimeUnit.NANOSECONDS);
    CompletableFuture<R> result = new Result<>(reply);
    reply.whenComplete((completed, failure) -> {
      if (failure != null) {
        RpcException rpcFailure = failure instanceof TimeoutException ? timeout()
            : failure instanceof CancellationException ? new RpcException(RpcStatus.CANCELLED,
                "the caller cancelled " + where(), true, failure)
            : withContext(failure);
        ended(rpcFailure);
        result.completeExceptionally(rpcFailure);
        return;
      }
      deliver(completed, decoder, result);
    });
    return result;
  }

  /** An asynchronous call's result: cancelling it abandons the call, which the server is told. */
  private static final class Result<R> extends CompletableFuture<R> {
    private final CompletableFuture<Response> reply;

    Result(CompletableFuture<Response> reply) {
      this.reply = reply;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean cancelled = super.cancel(mayInterruptIfRunning);
      if (cancelled) {
        reply.cancel(mayInterruptIfRunning);
      }
      return cancelled;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
      return new CompletableFuture<>();
    }
  }

  /** Decodes {@code reply} into {@code result}, releasing the reply before the caller sees it. */
  private <R> void deliver(Response reply, ResultDecoder<R> decoder, CompletableFuture<R> result) {
    R value = null;
    Throwable outcome = null;
    try {
      if (reply.status() == ResponseStatus.OK) {
        BodyReader in = invoker.serializer.newReader(reply.body());
        try {
          value = decoder.decode(in);
        } finally {
          in.close();
        }
      } else {
        outcome = failureOf(reply);
      }
    } catch (RuntimeException | Error e) {
      outcome = e;
    } finally {
      reply.release();
    }
    ended(outcome);
    if (outcome == null) {
      result.complete(value);
    } else {
      result.completeExceptionally(outcome);
    }
  }

  /**
   * Sends a one-way call and returns once it is handed to a connection: made while the
   * connection comes up, it waits for it, within its deadline, so that a connection that never
   * comes up fails the call rather than drops it unseen.
   */
  @Override
  public void invokeOneway() {
    try {
      CompletableFuture<Response> handedOff = send(CallInfo.Kind.ONEWAY);
      if (handedOff.isDone()) {
        if (handedOff.isCompletedExceptionally()) {
          replyThatJustArrived(handedOff);
        }
      } else {
        await(handedOff);
      }
      ended(null);
    } catch (RuntimeException failure) {
      ended(failure);
      throw failure;
    }
  }

  @Override
  public void close() {
    arguments.discard();
    if (result != null) {
      result.close();
      ended(result.failed() ? new RpcException(RpcStatus.SERIALIZATION,
          "could not decode the result of " + where(), true, null) : null);
      result = null;
    }
    if (response != null) {
      response.release();
      response = null;
    }
  }

  /**
   * Starts the call with the interceptors, then encodes and sends it. Every failure from here on
   * is the call's outcome: the interceptors that started see it end.
   */
  private CompletableFuture<Response> send(CallInfo.Kind kind) {
    if (sent) {
      throw new IllegalStateException(where() + " was already invoked");
    }
    sent = true;
    oneway = kind == CallInfo.Kind.ONEWAY;
    timeoutNanos = invoker.timeoutNanos(method);
    Map<String, String> attachments = CallContext.outgoingAttachments();
    if (!invoker.interceptors.isEmpty()) {
      call = new CallInfo(invoker.service.name(), invoker.service.tag(), method.signature(), kind,
          Math.max(0, timeoutNanos), new HashMap<>(attachments));
      try {
        invoker.interceptors.start(call);
      } catch (RpcException refused) {
        ended = true; // the interceptors that started have seen the refusal
        arguments.discard();
        throw refused;
      }
      attachments = call.attachments();
      if (attachments.containsKey(null) || attachments.containsValue(null)) {
        arguments.discard();
        throw new RpcException(RpcStatus.INTERNAL, "a client interceptor added an attachment"
            + " with a null name or value to " + where() + ", which was not sent", false, null);
      }
    }
    Throwable encodingFailure = arguments.failure();
    if (encodingFailure != null) {
      arguments.discard();
      throw new RpcException(RpcStatus.SERIALIZATION,
          "could not encode the arguments of " + where() + ": " + encodingFailure.getMessage(),
          false, encodingFailure);
    }
    if (timeoutNanos <= 0) {
      arguments.discard();
      throw new RpcException(RpcStatus.TIMEOUT, "the deadline of the call being served passed"
          + " before " + where() + " could be sent", false, null);
    }
    int affinity = invoker.cluster.usesAffinity() ? arguments.firstValueHash() : 0;
    // A body that one connection frames and sends once is built with room for its frame's head.
    int headroom = invoker.framed && invoker.cluster.sendsBodyOnce()
        ? Frames.requestHeadroom(invoker.service, attachments) : 0;
    Request request = new Request(invoker.service, method.id(), kind == CallInfo.Kind.ONEWAY,
        Math.max(1, TimeUnit.NANOSECONDS.toMicros(timeoutNanos)), attachments,
        arguments.finish(invoker.allocator, headroom));
    return invoker.cluster.send(request, method, affinity, call);
  }

  /** Tells the interceptors, once, that the call is over. */
  private void ended(Throwable failure) {
    if (call != null && !ended) {
      ended = true;
      invoker.interceptors.end(call, CallOutcome.failed(failure));
    }
  }

  /** The exception a failed reply stands for: the rebuilt business exception, or an RpcException. */
  private Throwable failureOf(Response reply) {
    try {
      if (reply.status() == ResponseStatus.APPLICATION_ERROR) {
        return ExceptionRebuilder.rebuild(ThrownException.read(reply), method);
      }
      StatusError error = StatusError.read(reply);
      return new RpcException(error.status(), where() + ": " + error.message(),
          error.mayHaveRun(), null);
    } catch (RuntimeException malformed) {
      return new RpcException(RpcStatus.SERIALIZATION,
          "malformed error reply from " + where(), true, malformed);
    }
  }

  private RpcException withContext(Throwable failure) {
    if (failure instanceof RpcException rpc) {
      return new RpcException(rpc.status(), where() + ": " + rpc.detail(), rpc.mayHaveRun(),
          rpc.getCause());
    }
    return new RpcException(RpcStatus.INTERNAL, where() + ": " + failure, true, failure);
  }

  private RpcException timeout() {
    return new RpcException(RpcStatus.TIMEOUT, (oneway ? "no connection took " : "no reply from ")
        + where() + " within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
  }

  /** Shows the caller's frames under the server's, as a local exception would. */
  private void appendCallerFrames(Throwable failure) {
    StackTraceElement[] server = failure.getStackTrace();
    StackTraceElement[] caller = new Throwable().getStackTrace();
    StackTraceElement[] both = new StackTraceElement[server.length + 1 + caller.length];
    System.arraycopy(server, 0, both, 0, server.length);
    both[server.length] = new StackTraceElement(
        "<remote call>", method.signature(), invoker.cluster.describe(), -1);
    System.arraycopy(caller, 0, both, server.length + 1, caller.length);
    failure.setStackTrace(both);
  }

  private String where() {
    return invoker.service + "/" + method.signature() + " at " + invoker.cluster.describe();
  }
}
