package dev.vireo.rpc.internal.context;

import dev.vireo.rpc.CallContext;
import java.util.Map;

/**
 * Where a thread keeps the call it serves and the attachments of the calls it makes, for {@link
 * CallContext}: here in a thread local ({@link ThreadLocalContexts}). On JDK 25 and later a
 * version of this class of its own (in the jar's {@code META-INF/versions/25}) keeps a virtual
 * thread's served call in a {@code ScopedValue} instead, since a thread local's first use builds
 * the thread's thread-local map, which a virtual thread made for one call would pay on every call.
 */
public final class ContextStore {
  private ContextStore() {}

  /** What runs in a served call's context; returns what {@link #call} returns. */
  @FunctionalInterface
  public interface Task {
    boolean runInContext() throws Exception;
  }

  /** The call served on this thread, or null. */
  public static CallContext serving() {
    return ThreadLocalContexts.serving();
  }

  /** The attachments of calls made on this thread, or null. */
  public static Map<String, String> outgoing() {
    return ThreadLocalContexts.outgoing();
  }

  /**
   * Makes {@code context} the served call until the scope closes, which also restores the
   * outgoing attachments of when it opened.
   */
  public static CallContext.Scope attach(CallContext context) {
    return ThreadLocalContexts.attach(context);
  }

  /** Sets the outgoing attachments until the scope closes. */
  public static CallContext.Scope withOutgoing(Map<String, String> attachments) {
    return ThreadLocalContexts.withOutgoing(attachments);
  }

  /**
   * Runs {@code task} with {@code context} as the served call, as {@link #attach} would, and
   * returns what it returned.
   */
  public static boolean call(CallContext context, Task task) throws Exception {
    return ThreadLocalContexts.call(context, task);
  }

  /** Runs {@code task} with {@code context} as the served call, as {@link #attach} would. */
  public static void run(CallContext context, Runnable task) {
    try (CallContext.Scope scope = attach(context)) {
      task.run();
    }
  }
}
