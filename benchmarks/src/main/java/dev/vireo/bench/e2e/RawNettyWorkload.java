package dev.vireo.bench.e2e;

import dev.vireo.bench.server.RawNetty;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.util.internal.PlatformDependent;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client of the raw Netty baseline, written as a careful hand would: one connection, calls
 * matched by id in a ring (no map, no boxing), callers' frames queued and written and flushed once
 * per burst by one task on the event loop, and each caller parked on a {@link ReplyWaiter} of its
 * own that the reply unparks. No serialization, no dispatch: the transport's own limit.
 */
final class RawNettyWorkload implements Workload {
  private static final int SLOTS = 4096;

  private final EventLoopGroup group = RawNetty.group(1);
  private final Channel channel;
  private final ReplyWaiter[] waiting = new ReplyWaiter[SLOTS];
  private final AtomicLong ids = new AtomicLong();
  private final int[][] sizes = new FrameSizes().all();
  private final Queue<ByteBuf> outgoing = PlatformDependent.newMpscQueue();
  private final AtomicBoolean flushScheduled = new AtomicBoolean();
  private final Runnable flush = this::flush;

  RawNettyWorkload(int port) {
    channel = new Bootstrap()
        .group(group)
        .channel(RawNetty.channel())
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(64 << 20, 0, 4, 0, 4),
                new ChannelInboundHandlerAdapter() {
                  @Override
                  public void channelRead(ChannelHandlerContext ctx, Object message) {
                    ByteBuf reply = (ByteBuf) message;
                    long id = reply.readLong();
                    reply.release();
                    waiting[(int) id & (SLOTS - 1)].complete();
                  }
                });
          }
        })
        .connect("127.0.0.1", port).syncUninterruptibly().channel();
  }

  private Object call(int operation) {
    int requestSize = sizes[operation][0];
    long id = ids.incrementAndGet();
    ReplyWaiter waiter = new ReplyWaiter();
    // A slot is free again once its call returned: at most SLOTS calls are in flight.
    waiting[(int) id & (SLOTS - 1)] = waiter;
    ByteBuf request = channel.alloc().buffer(requestSize);
    request.writeInt(requestSize - 4).writeLong(id).writeInt(sizes[operation][1])
        .writeZero(requestSize - 16);
    outgoing.add(request);
    if (flushScheduled.compareAndSet(false, true)) {
      channel.eventLoop().execute(flush);
    }
    waiter.await();
    return Boolean.TRUE;
  }

  /** On the event loop: writes every frame queued so far, then flushes them with one syscall. */
  private void flush() {
    flushScheduled.set(false);
    ByteBuf request;
    while ((request = outgoing.poll()) != null) {
      channel.write(request, channel.voidPromise());
    }
    channel.flush();
  }

  @Override
  public Object existUser() {
    return call(0);
  }

  @Override
  public Object createUser() {
    return call(1);
  }

  @Override
  public Object getUser() {
    return call(2);
  }

  @Override
  public Object listUser() {
    return call(3);
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    group.shutdownGracefully().syncUninterruptibly();
  }
}
