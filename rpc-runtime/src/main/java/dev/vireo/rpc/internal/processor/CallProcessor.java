package dev.vireo.rpc.internal.processor;

import dev.vireo.rpc.CallInfo;
import dev.vireo.rpc.RpcException;
import dev.vireo.rpc.RpcStatus;
import dev.vireo.rpc.ServerInterceptor;
import dev.vireo.rpc.internal.protocol.Request;
import dev.vireo.rpc.internal.protocol.ServiceKey;
import dev.vireo.rpc.internal.protocol.StatusError;
import dev.vireo.rpc.internal.serialization.Serializer;
import dev.vireo.rpc.stub.MethodDescriptor;
import dev.vireo.rpc.internal.acceptor.ReplySink;
import dev.vireo.rpc.internal.interception.InterceptorChain;
import dev.vireo.rpc.internal.acceptor.RequestHandler;
import io.netty.buffer.ByteBufAllocator;
import java.net.SocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides what happens to each incoming request: which exported service and method it is for,
 * where it runs, and whether it runs at all (an unknown service or method, a full queue, or a
 * server shutting down are answered at once, without running anything).
 */
public final class CallProcessor implements RequestHandler {
  private final Map<ServiceKey, ExportedService> services = new ConcurrentHashMap<>();
  private final Serializer serializer;
  private final ByteBufAllocator allocator;
  private final InFlightCalls inFlight = new InFlightCalls();
  private final InterceptorChain<ServerInterceptor> interceptors;
  private volatile boolean closing;
  private final boolean sendStackTraces;

  /**
   * {@code sendStackTraces}: whether a business exception's stack frames travel to the caller
   * with its class and message.
   */
  public CallProcessor(Serializer serializer, ByteBufAllocator allocator,
      List<ServerInterceptor> interceptors, boolean sendStackTraces) {
    this.sendStackTraces = sendStackTraces;
    this.serializer = serializer;
    this.allocator = allocator;
    this.interceptors = new InterceptorChain<>(interceptors, ServerInterceptor::onStart,
        ServerInterceptor::onEnd, ServerInterceptor::enter);
  }

  /** Adds a service; fails if one with the same name and tag is exported already. */
  public void add(ExportedService service) {
    if (services.putIfAbsent(service.key(), service) != null) {
      throw new IllegalStateException(service.key() + " is already exported");
    }
  }

  @Override
  public void handle(Request request, ReplySink replies) {
    long receivedNanos = System.nanoTime();
    // Counted before the check for closing: a close either sees this call or refuses it.
    inFlight.started();
    ExportedService service = services.get(request.service());
    if (closing) {
      refuse(request, replies, service, RpcStatus.UNAVAILABLE, "the server is shutting down");
      return;
    }
    if (service == null) {
      refuse(request, replies, null, RpcStatus.SERVICE_NOT_FOUND,
          "no service " + shortened(request.service().toString()) + " is exported here");
      return;
    }
    MethodDescriptor method = service.exportedMethod(request.methodId());
    if (method == null) {
      refuse(request, replies, service, RpcStatus.METHOD_NOT_FOUND, String.format(
          "%s exports no method with id 0x%08x", request.service(), request.methodId()));
      return;
    }
    long deadlineNanos = request.timeoutMicros() > 0
        ? receivedNanos + TimeUnit.MICROSECONDS.toNanos(request.timeoutMicros())
        : Long.MAX_VALUE;
    MethodPlacement placement = service.placement(method.id());
    if (placement != null && placement.whereReceived() && replies.receivedByIoThread()) {
      new IncomingCall(request, replies, service, method, receivedNanos, deadlineNanos,
          serializer, allocator, inFlight, interceptors, sendStackTraces, null, placement)
          .runWhereReceived();
      return;
    }
    AtomicInteger queued = service.queueShare() > 0 ? replies.queuedIn(service.executor()) : null;
    if (queued != null && queued.incrementAndGet() > service.queueShare()
        && !(service.executor() instanceof CallPool pool && pool.backlog() == 0)) {
      // Over its share, and the pool's threads are all busy (a pool of ours with threads still
      // free takes the call soon, however many of this connection's calls wait to be taken).
      queued.decrementAndGet();
      refuse(request, replies, service, RpcStatus.OVERLOADED, "this connection already"
          + " has " + service.queueShare() + " calls waiting for " + method + "'s threads, its"
          + " share of the queue");
      return;
    }
    IncomingCall call = new IncomingCall(request, replies, service, method, receivedNanos,
        deadlineNanos, serializer, allocator, inFlight, interceptors, sendStackTraces, queued,
        placement);
    if (service.executor() == null) {
      call.run();
      return;
    }
    try {
      service.executor().execute(call);
    } catch (RejectedExecutionException e) {
      if (queued != null) {
        queued.decrementAndGet();
      }
      refuse(request, replies, service, RpcStatus.OVERLOADED,
          method + " is overloaded: its queue is full");
    } catch (RuntimeException | Error broken) {
      // An Error too (no thread could be started, say): the call did not run, and is answered.
      if (queued != null) {
        queued.decrementAndGet();
      }
      refuse(request, replies, service, RpcStatus.INTERNAL,
          method + "'s executor failed to take the call: " + broken);
    }
  }

  /**
   * Refuses new calls from now on and waits, up to {@code timeoutNanos}, for the calls already
   * accepted to finish. Returns whether they all did.
   */
  public boolean shutDown(long timeoutNanos) throws InterruptedException {
    closing = true;
    return inFlight.awaitNone(timeoutNanos);
  }

  @Override
  public void refusedUnread(boolean oneway, RpcException refusal, SocketAddress peer,
      List<X509Certificate> peerCertificates) {
    if (!interceptors.isEmpty()) {
      CallInfo call = new CallInfo(CallInfo.UNKNOWN, "", CallInfo.UNKNOWN,
          oneway ? CallInfo.Kind.ONEWAY : CallInfo.Kind.BLOCKING, 0, Map.of());
      call.peer(peer, peerCertificates);
      interceptors.refused(call, refusal);
    }
  }

  /** {@code name}, cut short if a client sent a long one: the refusal quotes it back. */
  private static String shortened(String name) {
    return name.length() <= 200 ? name : name.substring(0, 200) + "... (" + name.length()
        + " characters)";
  }

  /** Answers {@code request} without running it; {@code service} is null if none matched. */
  private void refuse(Request request, ReplySink replies, ExportedService service,
      RpcStatus status, String message) {
    if (!interceptors.isEmpty()) {
      MethodDescriptor declared = service == null ? null
          : service.descriptor().method(request.methodId());
      CallInfo call = new CallInfo(service == null ? CallInfo.UNKNOWN : request.service().name(),
          service == null ? "" : request.service().tag(),
          declared != null ? declared.signature() : CallInfo.UNKNOWN,
          request.oneway() ? CallInfo.Kind.ONEWAY : CallInfo.Kind.BLOCKING,
          TimeUnit.MICROSECONDS.toNanos(request.timeoutMicros()), request.attachments());
      call.peer(replies.peer(), replies.peerCertificates());
      interceptors.refused(call, new RpcException(status, message, false, null));
    }
    request.release();
    try {
      if (request.oneway()) {
        replies.noReply();
      } else {
        replies.reply(new StatusError(status, message, false).toResponse(allocator));
      }
    } finally {
      inFlight.finished();
    }
  }
}
