package dev.vireo.rpc.internal.context;

import dev.vireo.rpc.CallContext;
import java.util.Map;

/**
 * Where a thread keeps the call it serves and the attachments of the calls it makes, for {@link
 * CallContext}; the version for JDK 25 and later.
 *
 * <p>A platform thread keeps both in thread locals ({@link ThreadLocalContexts}), as on earlier
 * JDKs: a pool thread builds its thread-local map once and reuses it for every call. A virtual
 * thread is usually made for one call, and a thread local's first use would build it a map for
 * that call alone, so the call the runtime serves on one is bound to a {@link ScopedValue} for the
 * duration of {@link #call} or {@link #run}, and its thread locals are looked at only once some
 * virtual thread has set one, through {@link #attach} or {@link #withOutgoing} (before that,
 * every virtual thread's are empty). A context attached on the thread wins over the bound one: it
 * was attached inside the binding, since a binding hides, for its duration, what was attached
 * before it.
 */
public final class ContextStore {
  private static final ScopedValue<CallContext> BOUND = ScopedValue.newInstance();
  /** Whether a virtual thread has set one of the thread locals; never unset. */
  private static volatile boolean virtualThreadsUseThreadLocals;

  private ContextStore() {}

  /** What runs in a served call's context; returns what {@link #call} returns. */
  @FunctionalInterface
  public interface Task {
    boolean runInContext() throws Exception;
  }

  /** The call served on this thread, or null. */
  public static CallContext serving() {
    if (readsThreadLocals()) {
      CallContext attached = ThreadLocalContexts.serving();
      if (attached != null) {
        return attached;
      }
    }
    return BOUND.isBound() ? BOUND.get() : null;
  }

  /** The attachments of calls made on this thread, or null. */
  public static Map<String, String> outgoing() {
    return readsThreadLocals() ? ThreadLocalContexts.outgoing() : null;
  }

  /**
   * Makes {@code context} the served call until the scope closes, which also restores the
   * outgoing attachments of when it opened.
   */
  public static CallContext.Scope attach(CallContext context) {
    settingThreadLocals();
    return ThreadLocalContexts.attach(context);
  }

  /** Sets the outgoing attachments until the scope closes. */
  public static CallContext.Scope withOutgoing(Map<String, String> attachments) {
    settingThreadLocals();
    return ThreadLocalContexts.withOutgoing(attachments);
  }

  /**
   * Runs {@code task} with {@code context} as the served call, as {@link #attach} would, and
   * returns what it returned.
   */
  public static boolean call(CallContext context, Task task) throws Exception {
    return bind(context, task::runInContext);
  }

  /** Runs {@code task} with {@code context} as the served call, as {@link #attach} would. */
  public static void run(CallContext context, Runnable task) {
    bind(context, () -> {
      task.run();
      return null;
    });
  }

  /**
   * Runs {@code op} with {@code context} as the served call: attached, on a platform thread;
   * bound, on a virtual one, with what was attached to it hidden for the duration. Either way the
   * thread's outgoing attachments are as they were before, after: a scope the task left open ends
   * with it.
   */
  private static <R, X extends Throwable> R bind(CallContext context,
      ScopedValue.CallableOp<? extends R, X> op) throws X {
    if (!Thread.currentThread().isVirtual()) {
      try (CallContext.Scope scope = ThreadLocalContexts.attach(context)) {
        return op.call();
      }
    }
    boolean threadLocalsInUse = virtualThreadsUseThreadLocals;
    CallContext attached = threadLocalsInUse ? ThreadLocalContexts.serving() : null;
    Map<String, String> outgoing = threadLocalsInUse ? ThreadLocalContexts.outgoing() : null;
    if (attached != null) {
      ThreadLocalContexts.hideServing();
    }
    try {
      return ScopedValue.where(BOUND, context).call(op);
    } finally {
      if (virtualThreadsUseThreadLocals) {
        ThreadLocalContexts.restore(attached, outgoing);
      }
    }
  }

  private static boolean readsThreadLocals() {
    return virtualThreadsUseThreadLocals || !Thread.currentThread().isVirtual();
  }

  private static void settingThreadLocals() {
    if (!virtualThreadsUseThreadLocals && Thread.currentThread().isVirtual()) {
      virtualThreadsUseThreadLocals = true;
    }
  }
}
