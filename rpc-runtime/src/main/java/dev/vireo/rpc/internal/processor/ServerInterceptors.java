package dev.vireo.rpc.internal.processor;

import dev.vireo.rpc.CallInfo;
import dev.vireo.rpc.RpcException;
import dev.vireo.rpc.RpcStatus;
import dev.vireo.rpc.ServerInterceptor;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server's interceptors, called in order before a call runs and in reverse order after it. An
 * interceptor that refuses a call stops it; one that fails after a call is logged, never allowed
 * to change the reply.
 */
final class ServerInterceptors {
  private static final Logger log = LoggerFactory.getLogger(ServerInterceptors.class);

  private final List<ServerInterceptor> interceptors;

  ServerInterceptors(List<ServerInterceptor> interceptors) {
    this.interceptors = List.copyOf(interceptors);
  }

  boolean isEmpty() {
    return interceptors.isEmpty();
  }

  void beforeRun(CallInfo call, Map<String, String> attachments) {
    for (ServerInterceptor interceptor : interceptors) {
      try {
        interceptor.beforeRun(call, attachments);
      } catch (RpcException refusal) {
        throw new RefusedByInterceptor(refusal);
      } catch (RuntimeException broken) {
        throw new RefusedByInterceptor(new RpcException(RpcStatus.INTERNAL,
            "interceptor " + interceptor.getClass().getName() + " failed: " + broken, false,
            broken));
      }
    }
  }

  void afterRun(CallInfo call, Throwable failure) {
    for (int i = interceptors.size() - 1; i >= 0; i--) {
      try {
        interceptors.get(i).afterRun(call, failure);
      } catch (RuntimeException broken) {
        log.warn("interceptor {} failed after {}", interceptors.get(i).getClass().getName(), call,
            broken);
      }
    }
  }

  /** Carries an interceptor's refusal past the dispatcher's own exception handling. */
  static final class RefusedByInterceptor extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient RpcException failure;

    RefusedByInterceptor(RpcException failure) {
      super(failure.getMessage(), failure, false, false);
      this.failure = failure;
    }
  }
}
