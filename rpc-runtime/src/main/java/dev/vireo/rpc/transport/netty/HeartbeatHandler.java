package dev.vireo.rpc.transport.netty;

import dev.vireo.rpc.protocol.Frames;
import dev.vireo.rpc.protocol.InboundFrame;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a connection alive and finds a dead peer, the same on both sides. After {@code interval}
 * without writing, it sends a heartbeat; every heartbeat it receives is answered at once. After
 * {@code 3 x interval} without reading anything, the peer is declared dead and the connection
 * closed, which fails the calls waiting on it. That catches a half-open connection, where the peer
 * vanished without a FIN or RST.
 */
final class HeartbeatHandler extends ChannelDuplexHandler {
  private static final Logger log = LoggerFactory.getLogger(HeartbeatHandler.class);
  static final int MISSED_BEFORE_DEAD = 3;

  private final long intervalMillis;
  private long nextId = -1;

  private HeartbeatHandler(long intervalMillis) {
    this.intervalMillis = intervalMillis;
  }

  /** The idle detector to put before this handler in the pipeline. */
  static IdleStateHandler idleDetector(long intervalMillis) {
    return new IdleStateHandler(intervalMillis * MISSED_BEFORE_DEAD, intervalMillis, 0,
        TimeUnit.MILLISECONDS);
  }

  static HeartbeatHandler every(long intervalMillis) {
    return new HeartbeatHandler(intervalMillis);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (!(event instanceof IdleStateEvent idle)) {
      super.userEventTriggered(ctx, event);
      return;
    }
    if (idle.state() == IdleState.WRITER_IDLE) {
      // Heartbeat ids count down from -1, apart from the ids of calls.
      ctx.writeAndFlush(Frames.heartbeat(ctx.alloc(), nextId--, false), ctx.voidPromise());
    } else if (idle.state() == IdleState.READER_IDLE) {
      log.warn("Vireo: nothing from {} for {} ms ({} heartbeats missed); closing the connection",
          ctx.channel().remoteAddress(), intervalMillis * MISSED_BEFORE_DEAD, MISSED_BEFORE_DEAD);
      ctx.close();
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object message) {
    if (message instanceof InboundFrame frame && frame.isHeartbeat()) {
      frame.release();
      if (!frame.isResponse()) {
        ctx.writeAndFlush(Frames.heartbeat(ctx.alloc(), frame.id(), true), ctx.voidPromise());
      }
      return;
    }
    ctx.fireChannelRead(message);
  }
}
