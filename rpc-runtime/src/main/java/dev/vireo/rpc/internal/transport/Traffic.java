package dev.vireo.rpc.internal.transport;

import dev.vireo.rpc.ConnectionStats;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the connections of one server or client and the bytes they read and write: first in
 * every pipeline, shared by all of them. A read or a write costs one uncontended add.
 */
@Sharable
public final class Traffic extends ChannelDuplexHandler implements ConnectionStats {
  private final AtomicInteger open = new AtomicInteger();
  private final LongAdder received = new LongAdder();
  private final LongAdder sent = new LongAdder();

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    open.incrementAndGet();
    super.channelActive(ctx);
  }

  /** A connection counts as open until every handler after this one has seen it close. */
  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    try {
      super.channelInactive(ctx);
    } finally {
      open.decrementAndGet();
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object message) throws Exception {
    received.add(size(message));
    super.channelRead(ctx, message);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise)
      throws Exception {
    sent.add(size(message));
    super.write(ctx, message, promise);
  }

  private static int size(Object message) {
    if (message instanceof ByteBuf buffer) {
      return buffer.readableBytes();
    }
    return message instanceof ByteBufHolder holder ? holder.content().readableBytes() : 0;
  }

  @Override
  public int openConnections() {
    return open.get();
  }

  @Override
  public long bytesReceived() {
    return received.sum();
  }

  @Override
  public long bytesSent() {
    return sent.sum();
  }
}
