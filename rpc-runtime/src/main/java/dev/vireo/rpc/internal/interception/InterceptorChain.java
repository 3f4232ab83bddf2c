package dev.vireo.rpc.internal.interception;

import dev.vireo.rpc.CallContext;
import dev.vireo.rpc.CallInfo;
import dev.vireo.rpc.CallOutcome;
import dev.vireo.rpc.RpcException;
import dev.vireo.rpc.RpcStatus;
import dev.vireo.rpc.internal.context.ContextStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One side's interceptors, the same for client and server: started in order before a call, ended
 * in reverse order after it. One that refuses a call (throws in its start) stops it, and the
 * interceptors that had started, the refusing one included, hear its end at once; one that fails
 * at the end is logged, never allowed to change the outcome. An {@code Error} counts as a failure
 * too (a class missing from the classpath, an assertion): it must not leave a call unfinished.
 *
 * @param <I> the kind of interceptor
 */
public final class InterceptorChain<I> {
  private static final Logger log = LoggerFactory.getLogger(InterceptorChain.class);

  /** How an interceptor hears that a call starts. */
  @FunctionalInterface
  public interface Start<I> {
    void start(I interceptor, CallInfo call);
  }

  /** How an interceptor hears that a call ended. */
  @FunctionalInterface
  public interface End<I> {
    void end(I interceptor, CallInfo call, CallOutcome outcome);
  }

  /** How an interceptor opens a scope around the implementation; null for none. */
  @FunctionalInterface
  public interface Enter<I> {
    AutoCloseable enter(I interceptor, CallInfo call);
  }

  private final List<I> interceptors;
  private final Start<I> start;
  private final End<I> end;
  private final Enter<I> enter;

  public InterceptorChain(List<? extends I> interceptors, Start<I> start, End<I> end) {
    this(interceptors, start, end, (interceptor, call) -> null);
  }

  public InterceptorChain(List<? extends I> interceptors, Start<I> start, End<I> end,
      Enter<I> enter) {
    this.interceptors = List.copyOf(interceptors);
    this.start = start;
    this.end = end;
    this.enter = enter;
  }

  /**
   * Opens every interceptor's scope around the implementation, in order; closing what this
   * returns closes them, last first. What one throws, opening or closing, is logged.
   */
  public Scopes enter(CallInfo call) {
    if (interceptors.isEmpty()) {
      return Scopes.NONE;
    }
    List<AutoCloseable> opened = null;
    for (I interceptor : interceptors) {
      try {
        AutoCloseable scope = enter.enter(interceptor, call);
        if (scope != null) {
          if (opened == null) {
            opened = new ArrayList<>(2);
          }
          opened.add(scope);
        }
      } catch (RuntimeException | Error broken) {
        log.warn("interceptor {} failed to enter {}", interceptor.getClass().getName(), call,
            broken);
      }
    }
    return opened == null ? Scopes.NONE : new Scopes(opened);
  }

  /** The scopes interceptors opened around one implementation's run. */
  public static final class Scopes implements AutoCloseable {
    static final Scopes NONE = new Scopes(List.of());

    private final List<AutoCloseable> opened;

    private Scopes(List<AutoCloseable> opened) {
      this.opened = opened;
    }

    @Override
    public void close() {
      for (int i = opened.size() - 1; i >= 0; i--) {
        try {
          opened.get(i).close();
        } catch (Exception | Error broken) {
          log.warn("a scope an interceptor opened failed to close", broken);
        }
      }
    }
  }

  public boolean isEmpty() {
    return interceptors.isEmpty();
  }

  /**
   * Starts the call with every interceptor.
   *
   * @throws RpcException if one refused it, saying the call did not run; every interceptor that
   *     had started has seen it end
   */
  public void start(CallInfo call) {
    for (int i = 0; i < interceptors.size(); i++) {
      I interceptor = interceptors.get(i);
      RpcException refusal;
      try {
        start.start(interceptor, call);
        continue;
      } catch (RpcException refused) {
        refusal = new RpcException(refused.status(), refused.detail(), false, refused);
      } catch (RuntimeException | Error broken) {
        refusal = new RpcException(RpcStatus.INTERNAL, "interceptor "
            + interceptor.getClass().getName() + " failed: " + broken, false, broken);
      }
      end(call, CallOutcome.failed(refusal), i);
      throw refusal;
    }
  }

  /**
   * A call refused before anything could run it: every interceptor sees it start and end with
   * {@code refusal}; what one throws at its start is ignored, the call is refused anyway.
   */
  public void refused(CallInfo call, RpcException refusal) {
    // In a context of its own, so that attachments an interceptor adds for the calls an
    // implementation would have made do not stay on this thread.
    ContextStore.run(CallContext.of(Long.MAX_VALUE, Map.of()), () -> {
      for (I interceptor : interceptors) {
        try {
          start.start(interceptor, call);
        } catch (RuntimeException | Error ignored) {
          log.debug("interceptor {} refused {}, which was refused already", interceptor, call);
        }
      }
    });
    end(call, CallOutcome.failed(refusal));
  }

  /** Ends the call with every interceptor, last first. */
  public void end(CallInfo call, CallOutcome outcome) {
    end(call, outcome, interceptors.size() - 1);
  }

  private void end(CallInfo call, CallOutcome outcome, int last) {
    for (int i = last; i >= 0; i--) {
      try {
        end.end(interceptors.get(i), call, outcome);
      } catch (RuntimeException | Error broken) {
        log.warn("interceptor {} failed at the end of {}", interceptors.get(i).getClass()
            .getName(), call, broken);
      }
    }
  }
}
