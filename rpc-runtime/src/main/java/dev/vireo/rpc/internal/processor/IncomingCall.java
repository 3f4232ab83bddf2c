package dev.vireo.rpc.internal.processor;

import dev.vireo.rpc.CallContext;
import dev.vireo.rpc.CallInfo;
import dev.vireo.rpc.CallOutcome;
import dev.vireo.rpc.RpcException;
import dev.vireo.rpc.RpcStatus;
import dev.vireo.rpc.ServerInterceptor;
import dev.vireo.rpc.internal.context.ContextStore;
import dev.vireo.rpc.internal.protocol.FrameHeader;
import dev.vireo.rpc.internal.protocol.Request;
import dev.vireo.rpc.internal.protocol.Response;
import dev.vireo.rpc.internal.protocol.ResponseStatus;
import dev.vireo.rpc.internal.protocol.StatusError;
import dev.vireo.rpc.internal.protocol.ThrownException;
import dev.vireo.rpc.internal.serialization.BodyReader;
import dev.vireo.rpc.internal.serialization.BodyWriter;
import dev.vireo.rpc.internal.serialization.Serializer;
import dev.vireo.rpc.stub.ValueReader;
import dev.vireo.rpc.stub.ValueWriter;
import dev.vireo.rpc.stub.MethodDescriptor;
import dev.vireo.rpc.stub.MethodDescriptor.DeclaredException;
import dev.vireo.rpc.stub.ResultEncoder;
import dev.vireo.rpc.stub.ServerCall;
import dev.vireo.rpc.internal.acceptor.ReplySink;
import dev.vireo.rpc.internal.interception.InterceptorChain;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.lang.ref.WeakReference;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One accepted call, run on the service's executor (or where it was received, for a method whose
 * calls proved short: {@link MethodPlacement}): skipped if its caller already gave up,
 * dispatched to the implementation otherwise, and answered exactly once (never, if one-way).
 *
 * <p>A failure while the arguments are read means the method did not run ({@code
 * SERIALIZATION}); anything the implementation throws means it did (a business exception).
 */
final class IncomingCall implements ServerCall, Runnable, ContextStore.Task, BooleanSupplier {
  private static final Logger log = LoggerFactory.getLogger(IncomingCall.class);
  private static final StackTraceElement[] NO_FRAMES = {};

  private final Request request;
  private final ReplySink replies;
  private final ExportedService service;
  private final MethodDescriptor method;
  private final long deadlineNanos;
  private final Serializer serializer;
  private final ByteBufAllocator allocator;
  private final InFlightCalls inFlight;
  private final InterceptorChain<ServerInterceptor> interceptors;
  private final boolean sendStackTraces;
  /** When the server received the call, before it waited for a thread. */
  private final long receivedNanos;
  /** This call's connection's count of calls waiting in the pool; null if not counted. */
  private final AtomicInteger queuedFromConnection;
  /** Where the method's calls run, told how long each took; null if they always run on the pool. */
  private final MethodPlacement placement;
  /**
   * The I/O thread running the call where received, watched until the implementation returns;
   * null before and after that, and on the pool.
   */
  private HeldIoThreads.Held heldThread;
  /**
   * How long the call took from its start to the implementation's return, for its placement
   * (measured only when it has one); -1 if it ended before reaching the implementation.
   */
  private long dispatchNanos = -1;
  /** Whether the call reached the implementation (no interceptor refused it). */
  private boolean dispatched;
  private CallInfo call;
  private boolean ended;
  private BodyReader arguments;
  private BodyWriter result;
  /** Answers the call when the stage its implementation returned completes; null if it did not. */
  private Runnable answerLater;
  /** Why an interceptor refused the call, if one did. */
  private RpcException refusal;
  /** Whether the call has ended: answered, or finished without an answer. */
  private final AtomicBoolean answered = new AtomicBoolean();

  IncomingCall(Request request, ReplySink replies, ExportedService service,
      MethodDescriptor method, long receivedNanos, long deadlineNanos, Serializer serializer,
      ByteBufAllocator allocator, InFlightCalls inFlight, InterceptorChain<ServerInterceptor> interceptors,
      boolean sendStackTraces, AtomicInteger queuedFromConnection, MethodPlacement placement) {
    this.placement = placement;
    this.sendStackTraces = sendStackTraces;
    this.queuedFromConnection = queuedFromConnection;
    this.request = request;
    this.replies = replies;
    this.service = service;
    this.method = method;
    this.receivedNanos = receivedNanos;
    this.deadlineNanos = deadlineNanos;
    this.serializer = serializer;
    this.allocator = allocator;
    this.inFlight = inFlight;
    this.interceptors = interceptors;
  }

  /** Runs the call on the executor's thread. */
  @Override
  public void run() {
    runFrom(System.nanoTime());
    if (placement != null && dispatchNanos >= 0) {
      placement.ranOnPool(dispatchNanos);
    }
  }

  /**
   * Runs the call on the I/O thread that received it, its method's calls having proved short;
   * the server's watch looks at it meanwhile.
   */
  void runWhereReceived() {
    WeakReference<Object> mark = Pauses.mark();
    HeldIoThreads.Held thread = placement.heldThreads().current();
    heldThread = thread;
    long start = System.nanoTime();
    thread.running(placement, start, mark);
    try {
      runFrom(start);
    } finally {
      if (heldThread != null) {
        thread.ended(); // the call ended before it reached the implementation
      }
    }
    if (dispatchNanos >= 0) {
      placement.ranWhereReceived(dispatchNanos, mark);
    }
  }

  private void runFrom(long now) {
    if (queuedFromConnection != null) {
      queuedFromConnection.decrementAndGet();
    }
    if (!interceptors.isEmpty()) {
      call = callInfo();
    }
    if (replies.cancelled()) {
      request.release();
      if (call != null) {
        ended = true;
        interceptors.refused(call, new RpcException(RpcStatus.CANCELLED,
            "the caller gave up while the call waited to run; it was dropped", false, null));
      }
      finishWithoutReply();
      return;
    }
    if (now - deadlineNanos > 0) {
      request.release();
      RpcException dropped = new RpcException(RpcStatus.TIMEOUT,
          "the deadline passed while the call waited to run; it was dropped", false, null);
      if (call != null) {
        ended = true;
        interceptors.refused(call, dropped);
      }
      fail(dropped);
      return;
    }
    try {
      boolean ran;
      try {
        ran = ContextStore.call(
            CallContext.of(deadlineNanos, request.attachments(), this), this);
      } finally {
        dispatchEnded(now);
      }
      if (!ran) {
        fail(refusal);
        return;
      }
    } catch (Throwable thrown) {
      if (result != null) {
        result.discard();
      }
      if (arguments != null && arguments.failed()) {
        fail(new RpcException(RpcStatus.SERIALIZATION,
            "could not decode the arguments: " + thrown.getMessage(), false, thrown));
      } else {
        replyThrown(thrown);
      }
      return;
    } finally {
      if (arguments != null) {
        arguments.close();
      }
      request.release();
    }
    try {
      if (answerLater != null) {
        answerLater.run();
      } else {
        replyResult(result);
      }
    } catch (Throwable broken) {
      // The call still ends, answered: a result too large to copy, say, must not leave it
      // waiting (and its room held) for ever.
      fail(new RpcException(RpcStatus.INTERNAL, "could not answer: " + broken, true, broken));
    }
  }

  /**
   * After the implementation returned or threw (or an interceptor refused the call): measures the
   * call for its placement, and ends the watch over its I/O thread before anything is answered,
   * clearing any interrupt (an interrupted thread closes the interruptible channels it uses).
   */
  private void dispatchEnded(long startNanos) {
    if (placement != null && dispatched) {
      dispatchNanos = System.nanoTime() - startNanos;
    }
    if (heldThread != null) {
      heldThread.ended();
      heldThread = null;
    }
  }

  /**
   * Starts the interceptors and runs the method, in the call's context; false if an interceptor
   * refused the call, which is then to be failed with {@link #refusal} (once the watch over its
   * I/O thread has ended).
   */
  @Override
  public boolean runInContext() throws Exception {
    if (call != null) {
      try {
        interceptors.start(call);
      } catch (RpcException refused) {
        ended = true; // the interceptors that started have seen the refusal
        refusal = refused;
        return false;
      }
    }
    dispatched = true;
    try (InterceptorChain.Scopes scopes = interceptors.enter(call)) {
      service.dispatcher().dispatch(method.id(), this);
    }
    return true;
  }

  /** Whether the caller gave up on the call: its context's {@code isCancelled()} asks. */
  @Override
  public boolean getAsBoolean() {
    return replies.cancelled();
  }

  @Override
  public ValueReader arguments() {
    if (arguments == null) {
      arguments = serializer.newReader(request.body());
    }
    return arguments;
  }

  @Override
  public ValueWriter result() {
    if (result == null) {
      result = serializer.newWriter();
    }
    return result;
  }

  @Override
  public <R> void resultLater(CompletionStage<R> stage, ResultEncoder<? super R> encoder) {
    if (stage == null) {
      throw new NullPointerException(method + " returned null instead of a CompletableFuture");
    }
    // Attached once the implementation has returned: a stage complete already answers at once,
    // which must not happen while the watch may still interrupt the I/O thread.
    answerLater = () -> stage.whenComplete((value, failure) -> {
      try {
        replyLater(value, failure, encoder);
      } catch (Throwable broken) {
        // Whatever failed, the call still ends: a completion stage would swallow it.
        fail(new RpcException(RpcStatus.INTERNAL, "could not answer: " + broken, true, broken));
      }
    });
  }

  private <R> void replyLater(R value, Throwable failure, ResultEncoder<? super R> encoder) {
    if (failure != null) {
      replyThrown(failure instanceof CompletionException && failure.getCause() != null
          ? failure.getCause()
          : failure);
      return;
    }
    BodyWriter out = serializer.newWriter();
    try {
      encoder.encode(out, value);
    } catch (RuntimeException | Error e) {
      out.discard();
      fail(new RpcException(RpcStatus.SERIALIZATION, "could not encode the result: " + e, true,
          e));
      return;
    }
    replyResult(out);
  }

  private void replyResult(BodyWriter out) {
    if (out != null && out.failure() != null) {
      Throwable failure = out.failure();
      out.discard();
      fail(new RpcException(RpcStatus.SERIALIZATION, "could not encode the result: " + failure,
          true, failure));
      return;
    }
    if (request.oneway()) {
      end(null);
      if (out != null) {
        out.discard();
      }
      finishWithoutReply();
      return;
    }
    ByteBuf body;
    try {
      if (out == null) {
        body = allocator.buffer(0, 0);
      } else {
        ByteBufAllocator frames = replies.frameAllocator(out.size());
        body = frames == null ? out.finish(allocator) : out.finish(frames, FrameHeader.SIZE);
      }
    } finally {
      if (out != null) {
        out.discard(); // when finish failed: the writer still holds its codec
      }
    }
    // Only now, with the reply in hand: a result that could not be made into one ends otherwise.
    end(null);
    send(new Response(ResponseStatus.OK, body));
  }

  private void replyThrown(Throwable thrown) {
    end(thrown);
    if (request.oneway()) {
      log.warn("one-way call {} of {} threw", method.signature(), service.key(), thrown);
      finishWithoutReply();
      return;
    }
    send(new ThrownException(thrown.getClass().getName(), declaredAs(thrown),
        thrown.getMessage(), sendStackTraces ? thrown.getStackTrace() : NO_FRAMES)
        .toResponse(allocator));
  }

  private void fail(RpcException failure) {
    end(failure);
    if (request.oneway()) {
      log.warn("one-way call {} of {} failed: {}", method.signature(), service.key(),
          failure.detail());
      finishWithoutReply();
      return;
    }
    send(new StatusError(failure.status(), failure.detail(), failure.mayHaveRun())
        .toResponse(allocator));
  }

  /** Tells the interceptors, once, how the call ended. */
  private void end(Throwable failure) {
    if (call != null && !ended) {
      ended = true;
      interceptors.end(call, CallOutcome.failed(failure));
    }
  }

  /** The call as interceptors see it, from when the server received it. */
  private CallInfo callInfo() {
    CallInfo info = new CallInfo(service.key().name(), service.key().tag(), method.signature(),
        request.oneway() ? CallInfo.Kind.ONEWAY : CallInfo.Kind.BLOCKING, receivedNanos,
        deadlineNanos == Long.MAX_VALUE ? 0 : deadlineNanos - receivedNanos,
        request.attachments());
    info.peer(replies.peer(), replies.peerCertificates());
    return info;
  }

  /**
   * Ends a call that never ran because its pool stopped first; nobody is answered (the server is
   * closing its connections), and the interceptors hear it ended {@code UNAVAILABLE}.
   */
  void drop() {
    if (queuedFromConnection != null) {
      queuedFromConnection.decrementAndGet();
    }
    request.release();
    if (!interceptors.isEmpty()) {
      interceptors.refused(callInfo(), new RpcException(RpcStatus.UNAVAILABLE,
          "the server stopped before the call could run; it was dropped", false, null));
    }
    finishWithoutReply();
  }

  private void finishWithoutReply() {
    if (!answered.compareAndSet(false, true)) {
      return;
    }
    try {
      replies.noReply();
    } finally {
      inFlight.finished();
    }
  }

  /** Sends the call's one answer; a second, from a failure after the first, is dropped. */
  private void send(Response response) {
    if (!answered.compareAndSet(false, true)) {
      response.release();
      return;
    }
    try {
      replies.reply(response);
    } finally {
      inFlight.finished();
    }
  }

  private String declaredAs(Throwable thrown) {
    for (DeclaredException declared : method.exceptions()) {
      if (declared.type().isInstance(thrown)) {
        return declared.type().getName();
      }
    }
    return null;
  }
}
