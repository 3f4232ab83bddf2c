package dev.vireo.rpc.internal.context;

import dev.vireo.rpc.CallContext;
import java.util.Map;

/**
 * The two thread locals behind {@link ContextStore}: the call a thread serves, and the attachments
 * of the calls it makes. Every version of {@code ContextStore} keeps platform threads' contexts
 * here.
 */
final class ThreadLocalContexts {
  private static final ThreadLocal<CallContext> SERVING = new ThreadLocal<>();
  private static final ThreadLocal<Map<String, String>> OUTGOING = new ThreadLocal<>();

  private ThreadLocalContexts() {}

  static CallContext serving() {
    return SERVING.get();
  }

  static Map<String, String> outgoing() {
    return OUTGOING.get();
  }

  /**
   * Makes {@code context} the served call until the scope closes, which also restores the
   * outgoing attachments of when it opened.
   */
  static CallContext.Scope attach(CallContext context) {
    CallContext previous = SERVING.get();
    Map<String, String> outgoing = OUTGOING.get();
    SERVING.set(context);
    return () -> {
      SERVING.set(previous);
      OUTGOING.set(outgoing);
    };
  }

  /** Sets the outgoing attachments until the scope closes. */
  static CallContext.Scope withOutgoing(Map<String, String> attachments) {
    Map<String, String> previous = OUTGOING.get();
    OUTGOING.set(attachments);
    // set, not remove: the thread keeps its map entry, so the next call does not allocate one
    return () -> OUTGOING.set(previous);
  }
}
