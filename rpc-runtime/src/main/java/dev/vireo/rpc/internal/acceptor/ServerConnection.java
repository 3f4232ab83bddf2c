package dev.vireo.rpc.internal.acceptor;

import dev.vireo.rpc.internal.transport.ConnectionSettings;
import dev.vireo.rpc.internal.transport.FrameAdmission;
import dev.vireo.rpc.internal.transport.FrameDecoder;
import dev.vireo.rpc.internal.transport.WriteQueue;
import dev.vireo.rpc.RpcException;
import dev.vireo.rpc.RpcStatus;
import dev.vireo.rpc.internal.protocol.Frames;
import dev.vireo.rpc.internal.protocol.InboundFrame;
import dev.vireo.rpc.internal.protocol.Request;
import dev.vireo.rpc.internal.protocol.RequestReader;
import dev.vireo.rpc.internal.protocol.Response;
import dev.vireo.rpc.internal.protocol.StatusError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.net.SocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's connection on the server: turns request frames into {@link Request}s for the
 * request handler and writes the replies back through the connection's {@link WriteQueue}, from
 * whichever thread produces them.
 *
 * <p>It admits a request only within the {@link ServerLimits}: so many calls in flight on this
 * connection, and so many request bytes held for this connection and for the whole server; a
 * request over a limit is answered with {@code RESOURCE_EXHAUSTED} at once (a one-way request
 * is dropped). It keeps by message id the calls still in flight after their frame is handled,
 * so that a client's cancel frame, or the connection's end, marks them as given up; a call
 * answered while its frame is handled (one run on the I/O thread, unless it waits for an
 * asynchronous result) is never kept, since neither can reach it before it ends.
 */
final class ServerConnection extends ChannelInboundHandlerAdapter implements FrameAdmission {
  private static final Logger log = LoggerFactory.getLogger(ServerConnection.class);

  private final RequestHandler handler;
  private final ConnectionSettings settings;
  private final ServerLimits limits;
  private final BytesInFlight serverBytes;
  private final BytesInFlight connectionBytes;
  private final RequestReader requests = new RequestReader();
  private final Map<Long, Reply> calls = new ConcurrentHashMap<>();
  private final AtomicInteger callsInFlight = new AtomicInteger();
  /** Bytes of replies queued while the client was not reading, held against the server's. */
  private final AtomicLong repliesWaiting = new AtomicLong();
  private final Map<Executor, AtomicInteger> queued = new ConcurrentHashMap<>();
  private WriteQueue writes;
  private ByteBufAllocator allocator;
  private Channel channel;
  private SocketAddress peer;
  private volatile List<X509Certificate> peerCertificates = List.of();
  /** How many times the connection became unwritable: tells one stall from the next. */
  private int stalls;
  /** The check of the latest stall, cancelled by the next one or the connection's end. */
  private ScheduledFuture<?> stallCheck;

  ServerConnection(RequestHandler handler, ConnectionSettings settings, ServerLimits limits,
      BytesInFlight serverBytes) {
    this.handler = handler;
    this.settings = settings;
    this.limits = limits;
    this.serverBytes = serverBytes;
    this.connectionBytes =
        new BytesInFlight(limits.maxBytesPerConnection(settings.maxBodySize()));
  }

  WriteQueue writes() {
    return writes;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    channel = ctx.channel();
    writes = new WriteQueue(channel);
    allocator = ctx.alloc();
    peer = channel.remoteAddress();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object message) {
    writes.readStarted();
    try {
      handle(ctx, (InboundFrame) message);
    } finally {
      writes.readEnded();
    }
  }

  private void handle(ChannelHandlerContext ctx, InboundFrame frame) {
    if (frame.isCancel()) {
      frame.release();
      Reply call = calls.get(frame.id());
      if (call != null) {
        call.cancelled = true;
      }
      return;
    }
    if (frame.isResponse() || frame.isGoAway()) {
      log.debug("ignoring a reply or going-away frame from client {}",
          ctx.channel().remoteAddress());
      frame.release();
      return;
    }
    long id = frame.id();
    if (frame.oversized()) {
      frame.release();
      refuse(frame, RpcStatus.BAD_REQUEST, "the request body of " + frame.bodySize()
          + " bytes exceeds the limit of " + settings.maxBodySize() + " bytes");
      return;
    }
    long bytes = frame.bodySize();
    Request request;
    try {
      request = requests.read(frame);
    } catch (IllegalArgumentException malformed) {
      abandon(bytes);
      refuse(frame, RpcStatus.BAD_REQUEST, "malformed request: " + malformed.getMessage());
      return;
    }
    if (calls.containsKey(id)) {
      request.release();
      abandon(bytes);
      refuse(frame, RpcStatus.BAD_REQUEST, "message id " + id + " is already in flight on this"
          + " connection");
      return;
    }
    Reply reply = new Reply(id, bytes);
    try {
      handler.handle(request, reply);
    } finally {
      reply.keepIfInFlight();
    }
  }

  /** The decoder that reads this connection's frames, asking this connection to admit each. */
  FrameDecoder newDecoder() {
    return new FrameDecoder(settings.maxBodySize(), Set.of(settings.serialization()),
        settings.frameTimeout(), this);
  }

  /**
   * Admits a request from its header, before its body is buffered: within the calls in flight
   * on this connection and the request bytes this connection and the server may hold.
   */
  @Override
  public boolean admit(long id, boolean oneway, long bodySize) {
    String refusal = null;
    if (callsInFlight.get() >= limits.maxCallsPerConnection()) {
      refusal = "this connection already has " + limits.maxCallsPerConnection()
          + " calls in flight, the most a server accepts";
    } else if (!connectionBytes.tryAcquire(bodySize)) {
      refusal = "this connection's calls in flight already hold close to "
          + connectionBytes.limit() + " request bytes, the most a server holds for one connection";
    } else if (!serverBytes.tryAcquire(bodySize)) {
      connectionBytes.release(bodySize);
      refusal = "the server's calls in flight already hold close to " + serverBytes.limit()
          + " request bytes, the most it holds";
    }
    if (refusal != null) {
      refuse(id, oneway, RpcStatus.RESOURCE_EXHAUSTED, refusal);
      return false;
    }
    callsInFlight.incrementAndGet();
    return true;
  }

  @Override
  public void abandon(long bodySize) {
    callsInFlight.decrementAndGet();
    connectionBytes.release(bodySize);
    serverBytes.release(bodySize);
  }

  /** Answers a request that is not admitted with {@code status}; a one-way one is dropped. */
  private void refuse(InboundFrame frame, RpcStatus status, String message) {
    refuse(frame.id(), frame.isOneway(), status, message);
  }

  private void refuse(long id, boolean oneway, RpcStatus status, String message) {
    handler.refusedUnread(oneway, new RpcException(status, message, false, null), peer,
        peerCertificates);
    if (oneway) {
      log.debug("dropping a one-way request from {}: {}", peer, message);
      return;
    }
    reply(id, new StatusError(status, message, false).toResponse(allocator));
  }

  /** Flushes the replies of the calls that ran while the frames just read were handled. */
  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    writes.readComplete();
    ctx.fireChannelReadComplete();
  }

  /** Once the connection is gone, every call still in flight on it has lost its caller. */
  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (stallCheck != null) {
      stallCheck.cancel(false);
    }
    serverBytes.release(repliesWaiting.getAndSet(0));
    for (Reply call : calls.values()) {
      call.cancelled = true;
    }
    super.channelInactive(ctx);
  }

  /**
   * One admitted call: where its reply goes, who asked, and whether they still wait. Its value is
   * where it stands: {@link #HANDLED} while its frame is handled, {@link #KEPT} in the table of
   * calls in flight after that, {@link #ENDED} once answered.
   */
  @SuppressWarnings("serial") // never serialized: an AtomicInteger only for its atomic value
  private final class Reply extends AtomicInteger implements ReplySink {
    private static final int HANDLED = 0;
    private static final int KEPT = 1;
    private static final int ENDED = 2;

    private final long id;
    private final long bytes;
    volatile boolean cancelled;

    Reply(long id, long bytes) {
      this.id = id;
      this.bytes = bytes;
    }

    /**
     * On the event loop, once the call's frame is handled: keeps the call in the table if it is
     * still in flight (on a pool's thread, or waiting for an asynchronous result), before the next
     * frame, which may cancel it, is read. A call that ends meanwhile takes itself out again.
     */
    void keepIfInFlight() {
      if (get() == HANDLED) {
        calls.put(id, this);
        if (!compareAndSet(HANDLED, KEPT)) {
          calls.remove(id, this);
        }
      }
    }

    @Override
    public void reply(Response response) {
      if (!finish() || cancelled) {
        response.release();
        return;
      }
      ServerConnection.this.reply(id, response);
    }

    @Override
    public void noReply() {
      finish();
    }

    /** Ends the call's accounting; true the first time only, so a call is answered once. */
    private boolean finish() {
      for (int stands = get(); stands != ENDED; stands = get()) {
        if (compareAndSet(stands, ENDED)) {
          if (stands == KEPT) {
            calls.remove(id, this);
          }
          abandon(bytes);
          return true;
        }
      }
      return false;
    }

    @Override
    public boolean cancelled() {
      return cancelled;
    }

    @Override
    public SocketAddress peer() {
      return peer;
    }

    @Override
    public List<X509Certificate> peerCertificates() {
      return peerCertificates;
    }

    @Override
    public ByteBufAllocator frameAllocator(int size) {
      return size > settings.maxBodySize() ? null : writes.frameAllocator();
    }

    @Override
    public boolean receivedByIoThread() {
      return true;
    }

    @Override
    public AtomicInteger queuedIn(Executor pool) {
      return queued.computeIfAbsent(pool, any -> new AtomicInteger());
    }
  }

  /**
   * Backpressure: while the client does not read its replies (the outbound buffer is over its
   * high water mark), this connection reads no more of its requests. If the buffer does not drain
   * within the frame timeout, the client is not reading at all, and the connection is closed.
   */
  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
    boolean writable = ctx.channel().isWritable();
    ctx.channel().config().setAutoRead(writable);
    if (writable) {
      serverBytes.release(repliesWaiting.getAndSet(0));
    } else {
      int stall = ++stalls;
      if (stallCheck != null) {
        stallCheck.cancel(false);
      }
      stallCheck = ctx.executor().schedule(() -> closeIfStill(ctx, stall),
          settings.frameTimeout().toNanos(), TimeUnit.NANOSECONDS);
    }
    super.channelWritabilityChanged(ctx);
  }

  private void closeIfStill(ChannelHandlerContext ctx, int stall) {
    if (stall == stalls && !ctx.channel().isWritable() && ctx.channel().isActive()) {
      log.warn("Vireo: closing the connection from {}: it has not read its replies for {} ms",
          ctx.channel().remoteAddress(), settings.frameTimeout().toMillis());
      ctx.close();
    }
  }

  /** Once a TLS handshake succeeded: the client's certificates, if it presented any. */
  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof SslHandshakeCompletionEvent handshake && handshake.isSuccess()) {
      SslHandler tls = ctx.pipeline().get(SslHandler.class);
      try {
        List<X509Certificate> chain = new ArrayList<>();
        for (Certificate certificate : tls.engine().getSession().getPeerCertificates()) {
          if (certificate instanceof X509Certificate x509) {
            chain.add(x509);
          }
        }
        peerCertificates = List.copyOf(chain);
      } catch (SSLPeerUnverifiedException noClientCertificate) {
        peerCertificates = List.of();
      }
    }
    super.userEventTriggered(ctx, event);
  }

  /** Encodes {@code response} on the calling thread and queues it; takes over its body. */
  private void reply(long id, Response response) {
    Response sendable = response;
    if (response.body().readableBytes() > settings.maxBodySize()) {
      sendable = new StatusError(RpcStatus.SERIALIZATION, "the reply body of "
          + response.body().readableBytes() + " bytes exceeds the limit of "
          + settings.maxBodySize() + " bytes", true).toResponse(allocator);
      response.release();
    }
    ByteBuf frame;
    try {
      frame = Frames.response(writes.frameAllocator(), id, settings.serialization(), sendable);
    } catch (RuntimeException | OutOfMemoryError unframed) {
      // No memory for a 20-byte header: no other answer could be framed either. Closing tells
      // the client at once that its calls on this connection may have run, not at their deadline.
      log.warn("Vireo: closing the connection from {}: the reply to call {} could not be"
          + " framed: {}", peer, id, unframed.toString());
      channel.close();
      return;
    } finally {
      sendable.release();
    }
    long unread = writes.unwrittenBytes();
    int size = frame.readableBytes();
    // A reply alone is always let through: the share bounds what piles up behind it.
    if (unread > 0 && unread + size > connectionBytes.limit()) {
      frame.release();
      log.warn("Vireo: closing the connection from {}: {} bytes of replies wait unread, more"
          + " than the {} a connection may hold", peer, unread, connectionBytes.limit());
      channel.close();
      return;
    }
    if (!channel.isWritable()) {
      // Replies that wait for a client that is not reading count against the server's bytes in
      // flight too, so that many such clients together cannot hold more than one budget.
      if (!serverBytes.tryAcquire(size)) {
        frame.release();
        log.warn("Vireo: closing the connection from {}: the server already holds close to {}"
            + " bytes of requests and of replies its clients do not read", peer,
            serverBytes.limit());
        channel.close();
        return;
      }
      repliesWaiting.addAndGet(size);
      if (channel.isWritable() || !channel.isActive()) {
        // It turned writable or closed meanwhile, perhaps after its last release: release now.
        serverBytes.release(repliesWaiting.getAndSet(0));
      }
    }
    writes.enqueue(frame);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof DecoderException) {
      log.warn("Vireo: closing the connection from {}: {}", ctx.channel().remoteAddress(),
          cause.getMessage());
    } else if (cause instanceof IOException) {
      log.debug("connection from {} failed", ctx.channel().remoteAddress(), cause);
    } else {
      log.warn("Vireo: closing the connection from {}", ctx.channel().remoteAddress(), cause);
    }
    ctx.close();
  }
}
