package dev.vireo.rpc.internal.acceptor;

import dev.vireo.rpc.internal.transport.ConnectionSettings;
import dev.vireo.rpc.internal.transport.WriteQueue;
import dev.vireo.rpc.RpcStatus;
import dev.vireo.rpc.internal.protocol.Frames;
import dev.vireo.rpc.internal.protocol.InboundFrame;
import dev.vireo.rpc.internal.protocol.Request;
import dev.vireo.rpc.internal.protocol.RequestReader;
import dev.vireo.rpc.internal.protocol.Response;
import dev.vireo.rpc.internal.protocol.StatusError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
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
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's connection on the server: turns request frames into {@link Request}s for the
 * request handler and writes the replies back through the connection's {@link WriteQueue}, from
 * whichever thread produces them.
 */
final class ServerConnection extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(ServerConnection.class);

  private final RequestHandler handler;
  private final ConnectionSettings settings;
  private final RequestReader requests = new RequestReader();
  private WriteQueue writes;
  private ByteBufAllocator allocator;
  private SocketAddress peer;
  private volatile List<X509Certificate> peerCertificates = List.of();

  ServerConnection(RequestHandler handler, ConnectionSettings settings) {
    this.handler = handler;
    this.settings = settings;
  }

  WriteQueue writes() {
    return writes;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    writes = new WriteQueue(ctx.channel());
    allocator = ctx.alloc();
    peer = ctx.channel().remoteAddress();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object message) {
    InboundFrame frame = (InboundFrame) message;
    if (frame.isResponse()) {
      log.debug("ignoring a reply frame from client {}", ctx.channel().remoteAddress());
      frame.release();
      return;
    }
    long id = frame.id();
    if (frame.oversized()) {
      frame.release();
      if (!frame.isOneway()) {
        reply(id, new StatusError(RpcStatus.BAD_REQUEST, "the request body of "
            + frame.bodySize() + " bytes exceeds the limit of " + settings.maxBodySize()
            + " bytes", false).toResponse(allocator));
      }
      return;
    }
    Request request;
    try {
      request = requests.read(frame);
    } catch (IllegalArgumentException malformed) {
      if (!frame.isOneway()) {
        reply(id, new StatusError(RpcStatus.BAD_REQUEST, "malformed request: "
            + malformed.getMessage(), false).toResponse(allocator));
      }
      return;
    }
    handler.handle(request, new Reply(id));
  }

  /** Where the reply to request {@code id} goes, and who asked. */
  private final class Reply implements ReplySink {
    private final long id;

    Reply(long id) {
      this.id = id;
    }

    @Override
    public void reply(Response response) {
      ServerConnection.this.reply(id, response);
    }

    @Override
    public SocketAddress peer() {
      return peer;
    }

    @Override
    public List<X509Certificate> peerCertificates() {
      return peerCertificates;
    }
  }

  /**
   * Backpressure: while the client does not read its replies (the outbound buffer is over its
   * high water mark), this connection reads no more of its requests. A client that never reads
   * again stops sending heartbeats too, and is declared dead after three intervals.
   */
  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
    ctx.channel().config().setAutoRead(ctx.channel().isWritable());
    super.channelWritabilityChanged(ctx);
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
      frame = Frames.response(allocator, id, settings.serialization(), sendable);
    } finally {
      sendable.release();
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
