package dev.vireo.rpc.internal.context;

import dev.vireo.rpc.CallContext;
import java.util.Map;

/**
 * Where a thread keeps the call it serves and the attachments of the calls it makes, for {@link
 * CallContext}; the version for JDK 25 and later.
 *
 * <p>A platform thread keeps both in a thread local ({@link ThreadLocalContexts}), as on earlier
 * JDKs: a pool thread builds its thread-local map once and reuses it for every call. A virtual
 * thread is usually made for one call, and a thread local's first use would build it a map for
 * that call alone. So while the runtime serves a call on a virtual thread ({@link #call}, {@link
 * #run}), both live in a {@link Frame} bound to a {@link ScopedValue}, where {@link #attach} and
 * {@link #withOutgoing} change them too (an interceptor adding attachments for the calls an
 * implementation makes, say) and whatever was left there ends with the binding. Outside any
 * binding a virtual thread uses the thread locals, which are looked at only once some virtual
 * thread has set one that way (a client adding attachments around its calls, say): before that,
 * every virtual thread's are empty.
 */
public final class ContextStore {
  private static final ScopedValue<Frame> BOUND = ScopedValue.newInstance();
  /** Whether a virtual thread has set one of the thread locals; never unset. */
  private static volatile boolean virtualThreadsUseThreadLocals;

  private ContextStore() {}

  /**
   * A served call's context on the virtual thread that serves it. Only that thread changes it;
   * threads it forks (a structured task scope's) see what it holds, and set their own in thread
   * locals.
   */
  private static final class Frame {
    final Thread owner = Thread.currentThread();
    volatile CallContext serving;
    volatile Map<String, String> outgoing;

    Frame(CallContext serving, Map<String, String> outgoing) {
      this.serving = serving;
      this.outgoing = outgoing;
    }
  }

  /** What runs in a served call's context; returns what {@link #call} returns. */
  @FunctionalInterface
  public interface Task {
    boolean runInContext() throws Exception;
  }

  /** The call served on this thread, or null. */
  public static CallContext serving() {
    Frame frame = boundFrame();
    if (frame != null && frame.owner == Thread.currentThread()) {
      return frame.serving;
    }
    if (readsThreadLocals()) {
      CallContext attached = ThreadLocalContexts.serving();
      if (attached != null) {
        return attached;
      }
    }
    return frame == null ? null : frame.serving;
  }

  /** The attachments of calls made on this thread, or null. */
  public static Map<String, String> outgoing() {
    Frame frame = ownFrame();
    if (frame != null) {
      return frame.outgoing;
    }
    return readsThreadLocals() ? ThreadLocalContexts.outgoing() : null;
  }

  /**
   * Makes {@code context} the served call until the scope closes, which also restores the
   * outgoing attachments of when it opened.
   */
  public static CallContext.Scope attach(CallContext context) {
    Frame frame = ownFrame();
    if (frame == null) {
      settingThreadLocals();
      return ThreadLocalContexts.attach(context);
    }
    CallContext previous = frame.serving;
    Map<String, String> outgoing = frame.outgoing;
    frame.serving = context;
    return () -> {
      frame.serving = previous;
      frame.outgoing = outgoing;
    };
  }

  /** Sets the outgoing attachments until the scope closes. */
  public static CallContext.Scope withOutgoing(Map<String, String> attachments) {
    Frame frame = ownFrame();
    if (frame == null) {
      settingThreadLocals();
      return ThreadLocalContexts.withOutgoing(attachments);
    }
    Map<String, String> previous = frame.outgoing;
    frame.outgoing = attachments;
    return () -> frame.outgoing = previous;
  }

  /**
   * Runs {@code task} with {@code context} as the served call, as {@link #attach} would, and
   * returns what it returned.
   */
  public static boolean call(CallContext context, Task task) throws Exception {
    if (!Thread.currentThread().isVirtual()) {
      return ThreadLocalContexts.call(context, task);
    }
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
   * Runs {@code op} with {@code context} as the served call: attached, on a platform thread; in a
   * frame of its own, on a virtual one, which starts with the thread's outgoing attachments and
   * ends with the binding.
   */
  private static <R, X extends Throwable> R bind(CallContext context,
      ScopedValue.CallableOp<? extends R, X> op) throws X {
    if (!Thread.currentThread().isVirtual()) {
      try (CallContext.Scope scope = ThreadLocalContexts.attach(context)) {
        return op.call();
      }
    }
    return ScopedValue.where(BOUND, new Frame(context, outgoing())).call(op);
  }

  /** The frame bound on this thread, its own or the one of the thread that forked it, or null. */
  private static Frame boundFrame() {
    return BOUND.isBound() ? BOUND.get() : null;
  }

  /** The frame this thread is serving a call in, or null. */
  private static Frame ownFrame() {
    Frame frame = boundFrame();
    return frame != null && frame.owner == Thread.currentThread() ? frame : null;
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
