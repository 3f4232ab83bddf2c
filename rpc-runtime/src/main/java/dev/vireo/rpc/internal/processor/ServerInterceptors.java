package dev.vireo.rpc.internal.processor;

import dev.vireo.rpc.CallContext;
import dev.vireo.rpc.CallInfo;
import dev.vireo.rpc.CallOutcome;
import dev.vireo.rpc.RpcException;
import dev.vireo.rpc.RpcStatus;
import dev.vireo.rpc.ServerInterceptor;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server's interceptors: {@code onStart} in order before a call runs, {@code onEnd} in reverse
 * order once it is over. One that refuses a call stops it, and the interceptors that had started
 * (the refusing one included) hear its end at once; one that fails in {@code onEnd} is logged,
 * never allowed to change the reply.
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

  /**
   * Starts the call with every interceptor.
   *
   * @throws RpcException if one refused it; every interceptor that had started has seen it end
   */
  void start(CallInfo call) {
    for (int i = 0; i < interceptors.size(); i++) {
      ServerInterceptor interceptor = interceptors.get(i);
      RpcException refusal;
      try {
        interceptor.onStart(call);
        continue;
      } catch (RpcException refused) {
        refusal = refused;
      } catch (RuntimeException broken) {
        refusal = new RpcException(RpcStatus.INTERNAL, "interceptor "
            + interceptor.getClass().getName() + " failed: " + broken, false, broken);
      }
      end(call, CallOutcome.failed(refusal), i);
      throw refusal;
    }
  }

  /**
   * A call the server refuses before anything could run it: every interceptor sees it start and
   * end with {@code refusal}; what one throws at its start is ignored, the call is refused anyway.
   */
  void refused(CallInfo call, RpcException refusal) {
    // In a context of its own, so that attachments an interceptor adds for the calls the
    // implementation would have made do not stay on this thread.
    try (CallContext.Scope scope = CallContext.of(Long.MAX_VALUE, Map.of()).attach()) {
      for (ServerInterceptor interceptor : interceptors) {
        try {
          interceptor.onStart(call);
        } catch (RuntimeException ignored) {
          log.debug("interceptor {} refused {}, which was refused already", interceptor, call);
        }
      }
    }
    end(call, CallOutcome.failed(refusal));
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
