package dev.vireo.rpc.internal.acceptor;

import dev.vireo.rpc.internal.protocol.Response;
import io.netty.buffer.ByteBufAllocator;
import java.net.SocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the reply to one request goes, and what the server knows of its caller. Callable from any
 * thread. Every accepted request ends in exactly one {@link #reply} (a call with a reply) or
 * {@link #noReply} (a one-way call, or a call dropped because its caller gave up).
 */
@FunctionalInterface
public interface ReplySink {
  /** Sends {@code response}, taking over its body. */
  void reply(Response response);

  /** Ends a call that gets no reply. */
  default void noReply() {}

  /** Whether the caller gave up on the call: it cancelled it, or its connection closed. */
  default boolean cancelled() {
    return false;
  }

  /** The address of the client that sent the request; null in process. */
  default SocketAddress peer() {
    return null;
  }

  /** The client's verified certificate chain under mutual TLS; empty otherwise. */
  default List<X509Certificate> peerCertificates() {
    return List.of();
  }

  /**
   * Whether the request is being handled on the I/O thread of the connection that received it,
   * where a call may run if its method's calls prove short; false in process, where that thread
   * is the caller's.
   */
  default boolean receivedByIoThread() {
    return false;
  }

  /**
   * Where the calling thread best builds a reply body of {@code size} bytes, with room before it
   * for its frame's header ({@code Frames.response} then writes the header there rather than copy
   * the body into a frame); null where replies are not framed (in process) or a body that large
   * would not be sent.
   */
  default ByteBufAllocator frameAllocator(int size) {
    return null;
  }

  /**
   * How many calls from this caller's connection wait in {@code pool}'s queue, for fair sharing;
   * null where callers are not told apart (in process).
   */
  default AtomicInteger queuedIn(Executor pool) {
    return null;
  }
}
