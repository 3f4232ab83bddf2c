package dev.vireo.rpc.internal.invoker;

import dev.vireo.rpc.CallContext;
import dev.vireo.rpc.ClientInterceptor;
import dev.vireo.rpc.internal.protocol.ServiceKey;
import dev.vireo.rpc.internal.serialization.Serializer;
import dev.vireo.rpc.stub.ClientCall;
import dev.vireo.rpc.stub.ClientInvoker;
import dev.vireo.rpc.stub.MethodDescriptor;
import dev.vireo.rpc.internal.cluster.Cluster;
import dev.vireo.rpc.internal.interception.InterceptorChain;
import io.netty.buffer.ByteBufAllocator;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The invoker behind the stubs of one referred service (name and tag): every call it starts goes
 * to its cluster, encoded by its serializer, with the method's deadline or the client's default.
 */
public final class ServiceInvoker implements ClientInvoker {
  final ServiceKey service;
  final Cluster cluster;
  final Serializer serializer;
  final ByteBufAllocator allocator;
  /** Whether calls go out in frames (over a network), not as they are (in process). */
  final boolean framed;
  final InterceptorChain<ClientInterceptor> interceptors;
  private final long defaultTimeoutNanos;

  public ServiceInvoker(ServiceKey service, Cluster cluster, Serializer serializer,
      ByteBufAllocator allocator, boolean framed, Duration defaultTimeout,
      InterceptorChain<ClientInterceptor> interceptors) {
    this.service = service;
    this.cluster = cluster;
    this.serializer = serializer;
    this.allocator = allocator;
    this.framed = framed;
    this.defaultTimeoutNanos = defaultTimeout.toNanos();
    this.interceptors = interceptors;
  }

  @Override
  public ClientCall newCall(MethodDescriptor method) {
    return new OutgoingCall(this, method, serializer.newWriter());
  }

  /**
   * How long a call of {@code method} may take: its {@code @Timeout} or the client's default, but
   * never longer than the call being served on this thread still has, if any.
   */
  long timeoutNanos(MethodDescriptor method) {
    long own = method.timeoutMillis() > 0
        ? TimeUnit.MILLISECONDS.toNanos(method.timeoutMillis())
        : defaultTimeoutNanos;
    CallContext serving = CallContext.current();
    if (!serving.hasDeadline()) {
      return own;
    }
    return Math.min(own, serving.deadlineNanos() - System.nanoTime());
  }
}
