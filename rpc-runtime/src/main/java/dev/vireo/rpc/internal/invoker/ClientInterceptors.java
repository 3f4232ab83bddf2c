package dev.vireo.rpc.internal.invoker;

import dev.vireo.rpc.CallInfo;
import dev.vireo.rpc.ClientInterceptor;
import dev.vireo.rpc.RpcException;
import dev.vireo.rpc.RpcStatus;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's interceptors, called in order before a call is sent and in reverse order after it.
 * One that refuses a call stops it unsent; one that fails afterwards is logged, never allowed to
 * change the outcome.
 */
public final class ClientInterceptors {
  private static final Logger log = LoggerFactory.getLogger(ClientInterceptors.class);

  private final List<ClientInterceptor> interceptors;

  public ClientInterceptors(List<ClientInterceptor> interceptors) {
    this.interceptors = List.copyOf(interceptors);
  }

  boolean isEmpty() {
    return interceptors.isEmpty();
  }

  void beforeSend(CallInfo call, Map<String, String> attachments) {
    for (ClientInterceptor interceptor : interceptors) {
      try {
        interceptor.beforeSend(call, attachments);
      } catch (RpcException refusal) {
        throw new RpcException(refusal.status(), refusal.detail(), false, refusal);
      } catch (RuntimeException broken) {
        throw new RpcException(RpcStatus.INTERNAL, "interceptor "
            + interceptor.getClass().getName() + " failed: " + broken, false, broken);
      }
    }
  }

  void afterReply(CallInfo call, Throwable failure) {
    for (int i = interceptors.size() - 1; i >= 0; i--) {
      try {
        interceptors.get(i).afterReply(call, failure);
      } catch (RuntimeException broken) {
        log.warn("interceptor {} failed after {}", interceptors.get(i).getClass().getName(), call,
            broken);
      }
    }
  }
}
