package dev.vireo.rpc.internal.connector;

import dev.vireo.rpc.internal.transport.ConnectionSettings;
import dev.vireo.rpc.internal.transport.FrameDecoder;
import dev.vireo.rpc.internal.transport.HeartbeatHandler;
import dev.vireo.rpc.internal.transport.Traffic;
import dev.vireo.rpc.internal.protocol.InboundFrame;
import dev.vireo.rpc.internal.protocol.Response;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The pipeline of a client connection: idle detection, framing, heartbeats, replies. */
final class ClientChannelInitializer extends ChannelInitializer<Channel> {
  private static final Logger log = LoggerFactory.getLogger(ClientChannelInitializer.class);

  private final ConnectionSettings settings;
  private final Traffic traffic;
  private final SslContext tls;
  private final InetSocketAddress address;
  private final ProviderConnection connection;

  ClientChannelInitializer(ConnectionSettings settings, Traffic traffic, SslContext tls,
      InetSocketAddress address, ProviderConnection connection) {
    this.settings = settings;
    this.traffic = traffic;
    this.tls = tls;
    this.address = address;
    this.connection = connection;
  }

  @Override
  protected void initChannel(Channel channel) {
    channel.pipeline().addLast(traffic);
    if (tls != null) {
      // Given the host dialled, so that the server's certificate is checked against it.
      channel.pipeline().addLast(
          tls.newHandler(channel.alloc(), address.getHostString(), address.getPort()));
    }
    channel.pipeline().addLast(
        new FrameDecoder(settings.maxBodySize(), Set.of(settings.serialization()),
            settings.frameTimeout()),
        HeartbeatHandler.every(settings.heartbeatMillis()),
        new ReplyHandler());
  }

  /** Hands each reply to the call waiting for it. */
  private final class ReplyHandler extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
      InboundFrame frame = (InboundFrame) message;
      if (frame.isGoAway()) {
        frame.release();
        connection.goingAway(ctx.channel());
      } else if (!frame.isResponse() || frame.isCancel()) {
        log.debug("ignoring a request frame from server {}", ctx.channel().remoteAddress());
        frame.release();
      } else if (frame.oversized()) {
        frame.release();
        connection.replyTooLarge(frame.id(), frame.bodySize());
      } else {
        connection.replied(frame.id(), new Response(frame.status(), frame.body()));
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      connection.failedWith(ctx.channel(), cause);
      if (cause instanceof DecoderException) {
        log.warn("Vireo: closing the connection to {}: {}", ctx.channel().remoteAddress(),
            cause.getMessage());
      } else if (!(cause instanceof IOException)) {
        log.warn("Vireo: closing the connection to {}", ctx.channel().remoteAddress(), cause);
      }
      ctx.close();
    }
  }
}
