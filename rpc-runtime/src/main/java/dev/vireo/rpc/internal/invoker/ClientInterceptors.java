package dev.vireo.rpc.internal.invoker;

import dev.vireo.rpc.CallInfo;
import dev.vireo.rpc.CallOutcome;
import dev.vireo.rpc.ClientInterceptor;
import dev.vireo.rpc.RpcException;
import dev.vireo.rpc.RpcStatus;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's interceptors: {@code onStart} in order before a call is sent, {@code onEnd} in
 * reverse order once it is over. One that refuses a call stops it unsent, and the interceptors
 * that had started (the refusing one included) hear its end at once; one that fails in {@code
 * onEnd} is logged, never allowed to change the outcome.
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

  /**
   * Starts the call with every interceptor.
   *
   * @throws RpcException if one refused it; every interceptor that had started has seen it end
   */
  void start(CallInfo call) {
    for (int i = 0; i < interceptors.size(); i++) {
      ClientInterceptor interceptor = interceptors.get(i);
      RpcException refusal;
      try {
        interceptor.onStart(call);
        continue;
      } catch (RpcException refused) {
        refusal = new RpcException(refused.status(), refused.detail(), false, refused);
      } catch (RuntimeException broken) {
        refusal = new RpcException(RpcStatus.INTERNAL, "interceptor "
            + interceptor.getClass().getName() + " failed: " + broken, false, broken);
      }
      end(call, CallOutcome.failed(refusal), i);
      throw refusal;
    }
  }

  /** Ends the call with every interceptor, last first. */
  void end(CallInfo call, CallOutcome outcome) {
    end(call, outcome, interceptors.size() - 1);
  }

  private void end(CallInfo call, CallOutcome outcome, int last) {
    for (int i = last; i >= 0; i--) {
      try {
        interceptors.get(i).onEnd(call, outcome);
      } catch (RuntimeException broken) {
        log.warn("interceptor {} failed at the end of {}", interceptors.get(i).getClass()
            .getName(), call, broken);
      }
    }
  }
}
