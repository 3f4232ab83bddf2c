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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client of the raw Netty baseline: one connection, calls matched by id, each caller writing
 * and flushing its own frame and waiting for the reply, as a hand-written client would.
 */
final class RawNettyWorkload implements Workload {
  private final EventLoopGroup group = RawNetty.group(1);
  private final Channel channel;
  private final ConcurrentHashMap<Long, CompletableFuture<Boolean>> pending =
      new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final int[][] sizes = new FrameSizes().all();

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
                    CompletableFuture<Boolean> call = pending.remove(reply.readLong());
                    reply.release();
                    call.complete(Boolean.TRUE);
                  }
                });
          }
        })
        .connect("127.0.0.1", port).syncUninterruptibly().channel();
  }

  private Object call(int operation) {
    int requestSize = sizes[operation][0];
    long id = ids.incrementAndGet();
    CompletableFuture<Boolean> reply = new CompletableFuture<>();
    pending.put(id, reply);
    ByteBuf request = channel.alloc().buffer(requestSize);
    request.writeInt(requestSize - 4).writeLong(id).writeInt(sizes[operation][1])
        .writeZero(requestSize - 16);
    channel.writeAndFlush(request, channel.voidPromise());
    try {
      return reply.get(30, TimeUnit.SECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      throw new IllegalStateException(e);
    }
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
