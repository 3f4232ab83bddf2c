package dev.vireo.rpc.internal.transport;

import dev.vireo.rpc.internal.protocol.Frames;
import dev.vireo.rpc.internal.protocol.InboundFrame;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a connection alive and finds a dead peer, the same on both sides. Once per {@code
 * interval} it looks back: if nothing was written in that interval, it sends a heartbeat; if
 * nothing was read for {@link #MISSED_BEFORE_DEAD} intervals in a row, the peer is declared dead
 * and the connection closed, which fails the calls waiting on it. That catches a half-open
 * connection, where the peer vanished without a FIN or RST. Every heartbeat received is answered
 * at once.
 *
 * <p>It sits after the frame decoder, so it sees frames, and counts any bytes read (a large frame
 * still arriving) as a sign of life. Activity is recorded as two flags, not timestamps or write
 * listeners, so a busy connection pays nothing per frame for being watched.
 */
public final class HeartbeatHandler extends ChannelDuplexHandler {
  private static final Logger log = LoggerFactory.getLogger(HeartbeatHandler.class);
  static final int MISSED_BEFORE_DEAD = 3;

  private final long intervalMillis;
  private long nextId = -1;
  private boolean wrote;
  private boolean read;
  private int silentIntervals;
  private ScheduledFuture<?> checks;

  private HeartbeatHandler(long intervalMillis) {
    this.intervalMillis = intervalMillis;
  }

  public static HeartbeatHandler every(long intervalMillis) {
    return new HeartbeatHandler(intervalMillis);
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    if (ctx.channel().isActive()) {
      startChecking(ctx);
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    startChecking(ctx);
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    stopChecking();
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    stopChecking();
  }

  private void startChecking(ChannelHandlerContext ctx) {
    if (checks == null) {
      checks = ctx.executor().scheduleAtFixedRate(() -> check(ctx), intervalMillis,
          intervalMillis, TimeUnit.MILLISECONDS);
    }
  }

  private void stopChecking() {
    if (checks != null) {
      checks.cancel(false);
    }
  }

  /** Runs once per interval, on the event loop, until the channel goes inactive. */
  private void check(ChannelHandlerContext ctx) {
    if (read) {
      silentIntervals = 0;
    } else if (++silentIntervals >= MISSED_BEFORE_DEAD) {
      log.warn("Vireo: nothing from {} for {} ms ({} heartbeats missed); closing the connection",
          ctx.channel().remoteAddress(), intervalMillis * MISSED_BEFORE_DEAD, MISSED_BEFORE_DEAD);
      ctx.close();
      return;
    }
    if (!wrote) {
      // Heartbeat ids count down from -1, apart from the ids of calls.
      ctx.writeAndFlush(Frames.heartbeat(ctx.alloc(), nextId--, false), ctx.voidPromise());
    }
    read = false;
    wrote = false;
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
    wrote = true;
    ctx.write(message, promise);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    read = true;
    ctx.fireChannelReadComplete();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object message) {
    read = true;
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
