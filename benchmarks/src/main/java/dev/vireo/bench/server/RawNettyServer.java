package dev.vireo.bench.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.net.InetSocketAddress;

/**
 * The transport's own limit: hand-written Netty handlers, no serialization, no dispatch. Each
 * request frame is {@code length, id, reply size, padding}; the server answers with a frame of the
 * asked size carrying the same id, on the I/O thread, flushing once per read batch.
 */
final class RawNettyServer implements AutoCloseable {
  private final EventLoopGroup boss = RawNetty.group(1);
  private final EventLoopGroup workers = RawNetty.group(Runtime.getRuntime().availableProcessors());
  private final Channel listener;

  RawNettyServer() {
    listener = new ServerBootstrap()
        .group(boss, workers)
        .channel(RawNetty.serverChannel())
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel channel) {
            channel.pipeline().addLast(
                new LengthFieldBasedFrameDecoder(64 << 20, 0, 4, 0, 4), new Echo());
          }
        })
        .bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
  }

  int port() {
    return ((InetSocketAddress) listener.localAddress()).getPort();
  }

  @Override
  public void close() {
    listener.close().syncUninterruptibly();
    boss.shutdownGracefully().syncUninterruptibly();
    workers.shutdownGracefully().syncUninterruptibly();
  }

  private static final class Echo extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
      ByteBuf request = (ByteBuf) message;
      long id = request.readLong();
      int replySize = request.readInt();
      request.release();
      ByteBuf reply = ctx.alloc().buffer(replySize);
      reply.writeInt(replySize - 4).writeLong(id).writeZero(replySize - 12);
      ctx.write(reply, ctx.voidPromise());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      ctx.flush();
    }
  }
}
