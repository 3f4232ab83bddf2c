package dev.vireo.rpc;

import java.net.SocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One call as interceptors see it: the same object from {@code onStart} to {@code onEnd}, so an
 * interceptor can time the call or keep a span in it ({@link #put}, {@link #get}).
 *
 * <p>On the client, {@link #attachments()} may be added to in {@code onStart}, and the provider's
 * address is known once the call was sent. On the server, the attachments are the caller's and
 * the peer is the client's address. Not thread-safe, but the runtime hands it from thread to
 * thread with the call, so {@code onEnd} sees what {@code onStart} stored.
 */
public final class CallInfo {
  /** How the caller waits for the call. */
  public enum Kind {
    /** The caller's thread waits for the reply. */
    BLOCKING,
    /** The caller gets a future. A server sees {@code BLOCKING} for both: it cannot tell. */
    ASYNC,
    /** No reply is sent. */
    ONEWAY
  }

  /**
   * The service and method a server's interceptors see for a call it refused because no such
   * service, or no such method of it, is exported (a name the client made up is not passed on,
   * since a metric or a span per name would let any client grow them without bound), or that it
   * refused from its frame alone, before reading which service it named (over a connection's or
   * the server's limits: {@code RESOURCE_EXHAUSTED}; too large or malformed: {@code
   * BAD_REQUEST}).
   */
  public static final String UNKNOWN = "<unknown>";

  /** A slot in a call for one interceptor's state, such as a start time or a span. */
  public static final class Key<T> {
    private final String name;

    private Key(String name) {
      this.name = name;
    }

    public static <T> Key<T> named(String name) {
      return new Key<>(Objects.requireNonNull(name, "name"));
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private final String service;
  private final String tag;
  private final String method;
  private final Kind kind;
  private final long startNanos;
  private final long timeoutNanos;
  private final Map<String, String> attachments;
  /**
   * Who the peer is, as one value: a client's retry sets it on an I/O thread while the caller,
   * whose deadline passed, may be reading it.
   */
  private volatile Peer peer = new Peer(null, List.of());
  private Object[] slots;

  /**
   * Made by the runtime for each call that interceptors see.
   *
   * @param method the method's signature, e.g. {@code getUser(long)}
   * @param timeoutNanos how long the call may take, from now; 0 for no deadline
   * @param attachments the call's attachments: mutable on the client until it is sent
   */
  public CallInfo(String service, String tag, String method, Kind kind, long timeoutNanos,
      Map<String, String> attachments) {
    this(service, tag, method, kind, System.nanoTime(), timeoutNanos, attachments);
  }

  /**
   * Made by a server's runtime for a call that started before its interceptors see it: the
   * server received it at {@code startNanos} ({@link System#nanoTime()} terms), then it waited
   * for a thread.
   *
   * @param startNanos when the call started
   * @param timeoutNanos how long the call was given from {@code startNanos}; 0 for no deadline
   */
  public CallInfo(String service, String tag, String method, Kind kind, long startNanos,
      long timeoutNanos, Map<String, String> attachments) {
    this.startNanos = startNanos;
    this.service = Objects.requireNonNull(service, "service");
    this.tag = Objects.requireNonNull(tag, "tag");
    this.method = Objects.requireNonNull(method, "method");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.timeoutNanos = timeoutNanos;
    this.attachments = Objects.requireNonNull(attachments, "attachments");
  }

  /** The service name on the wire; {@link #UNKNOWN} on a server that exports no such service. */
  public String service() {
    return service;
  }

  /** The implementation's tag, {@code ""} for the default one. */
  public String tag() {
    return tag;
  }

  /**
   * The method's signature, e.g. {@code getUser(long)}; {@link #UNKNOWN} on a server whose
   * service declares no such method.
   */
  public String method() {
    return method;
  }

  public Kind kind() {
    return kind;
  }

  /** Whether no reply is expected. */
  public boolean oneway() {
    return kind == Kind.ONEWAY;
  }

  /**
   * When the call started, in {@link System#nanoTime()} terms: on a server, when it was received,
   * so that the time it waited for a thread counts in its duration.
   */
  public long startNanos() {
    return startNanos;
  }

  /**
   * How long the call was given when it started, at {@link #startNanos()} (its deadline is that
   * plus this); zero for no deadline.
   */
  public Duration timeout() {
    return Duration.ofNanos(timeoutNanos);
  }

  /** The call's attachments; on the client, add to them in {@code onStart}. */
  public Map<String, String> attachments() {
    return attachments;
  }

  /**
   * The other side: on the client, the provider the call went to (null until it was sent, and
   * in process); on the server, the client's address (null in process).
   */
  public SocketAddress peerAddress() {
    return peer.address();
  }

  /** The peer's certificate chain under mutual TLS; empty otherwise. */
  public List<X509Certificate> peerCertificates() {
    return peer.certificates();
  }

  /** Set by the runtime once it knows who the peer is. */
  public void peer(SocketAddress address, List<X509Certificate> certificates) {
    this.peer = new Peer(address, List.copyOf(certificates));
  }

  /** What an interceptor stored under {@code key}, or null. */
  @SuppressWarnings("unchecked") // put stores only a T under a Key<T>
  public <T> T get(Key<T> key) {
    if (slots != null) {
      for (int i = 0; i < slots.length; i += 2) {
        if (slots[i] == key) {
          return (T) slots[i + 1];
        }
      }
    }
    return null;
  }

  /** Stores {@code value} under {@code key} for the rest of the call. */
  public <T> void put(Key<T> key, T value) {
    if (slots == null) {
      slots = new Object[] {key, value};
      return;
    }
    for (int i = 0; i < slots.length; i += 2) {
      if (slots[i] == key) {
        slots[i + 1] = value;
        return;
      }
    }
    Object[] grown = Arrays.copyOf(slots, slots.length + 2);
    grown[slots.length] = key;
    grown[slots.length + 1] = value;
    slots = grown;
  }

  @Override
  public String toString() {
    return service + (tag.isEmpty() ? "" : ":" + tag) + "/" + method;
  }

  private record Peer(SocketAddress address, List<X509Certificate> certificates) {}
}
