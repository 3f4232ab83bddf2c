package dev.vireo.rpc.internal.context;

import dev.vireo.rpc.CallContext;
import java.util.Map;

/**
 * The thread local behind {@link ContextStore}: the call a thread serves, and the attachments of
 * the calls it makes, in one {@link Slots} per thread, so that entering and leaving a call looks
 * the thread local up once. Every version of {@code ContextStore} keeps platform threads'
 * contexts here.
 */
final class ThreadLocalContexts {
  private static final ThreadLocal<Slots> SLOTS = ThreadLocal.withInitial(Slots::new);

  private ThreadLocalContexts() {}

  /** One thread's context; only that thread reads or changes it. */
  private static final class Slots {
    CallContext serving;
    Map<String, String> outgoing;
  }

  static CallContext serving() {
    return SLOTS.get().serving;
  }

  static Map<String, String> outgoing() {
    return SLOTS.get().outgoing;
  }

  /**
   * Makes {@code context} the served call until the scope closes, which also restores the
   * outgoing attachments of when it opened, on the thread that closes it (a scope closed on
   * another thread must not change the context of one that may be serving a call meanwhile).
   */
  static CallContext.Scope attach(CallContext context) {
    Slots slots = SLOTS.get();
    CallContext previous = slots.serving;
    Map<String, String> outgoing = slots.outgoing;
    slots.serving = context;
    return () -> {
      Slots closing = SLOTS.get();
      closing.serving = previous;
      closing.outgoing = outgoing;
    };
  }

  /**
   * Runs {@code task} as {@link #attach} would around it, and returns what it returned; the
   * server's way into every call, so it makes no scope.
   */
  static boolean call(CallContext context, ContextStore.Task task) throws Exception {
    Slots slots = SLOTS.get();
    CallContext previous = slots.serving;
    Map<String, String> outgoing = slots.outgoing;
    slots.serving = context;
    try {
      return task.runInContext();
    } finally {
      slots.serving = previous;
      slots.outgoing = outgoing;
    }
  }

  /** Sets the outgoing attachments until the scope closes. */
  static CallContext.Scope withOutgoing(Map<String, String> attachments) {
    Slots slots = SLOTS.get();
    Map<String, String> previous = slots.outgoing;
    slots.outgoing = attachments;
    return () -> SLOTS.get().outgoing = previous;
  }
}
