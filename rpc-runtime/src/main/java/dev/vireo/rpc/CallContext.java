package dev.vireo.rpc;

import dev.vireo.rpc.internal.context.ContextStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The call an implementation is serving, and the attachments calls made from this thread carry.
 *
 * <p>On the server, {@link #current()} is the incoming call while the implementation runs: its
 * remaining deadline and the attachments the caller sent. Calls the implementation makes from
 * that thread inherit the deadline: they never wait longer than their caller still does. To keep
 * it on another thread, capture {@code current()} and {@link #attach()} it there (on JDK 25, the
 * threads a structured task scope forks from a virtual thread serving a call see that call
 * already). Attachments are not inherited; forward the ones you mean to.
 *
 * <p>On the client, {@link #withAttachments} adds attachments to every call made on this thread
 * until the returned scope is closed:
 *
 * <pre>{@code
 * try (CallContext.Scope scope = CallContext.withAttachments(Map.of("trace-id", traceId))) {
 *   users.getUser(42);
 * }
 * }</pre>
 */
public final class CallContext {
  private static final BooleanSupplier NEVER = () -> false;
  private static final CallContext NONE =
      new CallContext(Long.MAX_VALUE, Map.of(), false, NEVER);

  private final long deadlineNanos;
  private final Map<String, String> attachments;
  private final boolean hasDeadline;
  private final BooleanSupplier cancelled;

  private CallContext(long deadlineNanos, Map<String, String> attachments, boolean hasDeadline,
      BooleanSupplier cancelled) {
    this.deadlineNanos = deadlineNanos;
    this.attachments = attachments;
    this.hasDeadline = hasDeadline;
    this.cancelled = cancelled;
  }

  /** The call being served on this thread; outside a call, one without deadline or attachments. */
  public static CallContext current() {
    CallContext serving = ContextStore.serving();
    return serving == null ? NONE : serving;
  }

  /** Whether the caller set a deadline (every Vireo client does). */
  public boolean hasDeadline() {
    return hasDeadline;
  }

  /** How long the caller still waits; negative once it has given up. */
  public Duration remaining() {
    return hasDeadline ? Duration.ofNanos(deadlineNanos - System.nanoTime()) : Duration.ZERO;
  }

  /** The deadline on the {@link System#nanoTime()} clock, if {@link #hasDeadline()}. */
  public long deadlineNanos() {
    return deadlineNanos;
  }

  /**
   * Whether the caller no longer waits for the result: it cancelled the call (an asynchronous
   * caller's {@code future.cancel(..)}, a timeout on its side), its connection closed, or the
   * deadline passed. An implementation doing long work can check it and stop early; whatever it
   * returns then is dropped.
   */
  public boolean isCancelled() {
    return cancelled.getAsBoolean() || hasDeadline && deadlineNanos - System.nanoTime() <= 0;
  }

  /** The attachments the caller sent. */
  public Map<String, String> attachments() {
    return attachments;
  }

  /** One attachment the caller sent, or null. */
  public String attachment(String key) {
    return attachments.get(key);
  }

  /**
   * Adds {@code attachments} to every call made on this thread until the scope closes; scopes
   * nest, inner values winning.
   */
  public static Scope withAttachments(Map<String, String> attachments) {
    Map<String, String> previous = ContextStore.outgoing();
    Map<String, String> merged = previous == null ? new LinkedHashMap<>()
        : new LinkedHashMap<>(previous);
    attachments.forEach((key, value) -> merged.put(Objects.requireNonNull(key, "key"),
        Objects.requireNonNull(value, "value")));
    return ContextStore.withOutgoing(Map.copyOf(merged));
  }

  /** Attachments for a call starting on this thread; empty outside any scope. */
  public static Map<String, String> outgoingAttachments() {
    Map<String, String> outgoing = ContextStore.outgoing();
    return outgoing == null ? Map.of() : outgoing;
  }

  /**
   * A context with this deadline (on the {@link System#nanoTime()} clock; {@code Long.MAX_VALUE}
   * for none) and these attachments, to {@link #attach()}.
   */
  public static CallContext of(long deadlineNanos, Map<String, String> attachments) {
    return of(deadlineNanos, attachments, NEVER);
  }

  /**
   * As {@link #of(long, Map)}, for a call whose caller may give up before its deadline: {@code
   * cancelled} says whether it has, for {@link #isCancelled()}.
   */
  public static CallContext of(long deadlineNanos, Map<String, String> attachments,
      BooleanSupplier cancelled) {
    return new CallContext(deadlineNanos, Map.copyOf(attachments),
        deadlineNanos != Long.MAX_VALUE, Objects.requireNonNull(cancelled, "cancelled"));
  }

  /**
   * Makes this the current context on this thread until the scope closes: the runtime does so
   * while an implementation runs, and an implementation can do so on a thread it hands work to,
   * so that calls made there keep the caller's deadline. Closing it also undoes every {@link
   * #withAttachments} scope opened inside it and left open: a server interceptor can add
   * attachments to the calls an implementation makes, for as long as it runs.
   */
  public Scope attach() {
    return ContextStore.attach(this);
  }

  /** Undoes what opened it, when closed; closes without throwing. */
  @FunctionalInterface
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }
}
