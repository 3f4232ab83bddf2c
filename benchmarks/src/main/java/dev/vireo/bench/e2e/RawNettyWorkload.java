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
 * The client of the raw Netty baseline, written as a careful hand would: calls matched by id in a
 * ring ({@link ReplyWaiters}), callers' frames queued and written and flushed once per burst by one
 * task on the event loop, and each caller parked on a {@link ReplyWaiter} of its own that the
 * reply unparks. No serialization, no dispatch: the transport's own limit. With several
 * connections (all on one event loop, as Vireo's client with one I/O thread), call {@code n} goes
 * on connection {@code n} modulo their number.
 */
final class RawNettyWorkload implements Workload {
  private final EventLoopGroup group = RawNetty.group(1);
  private final Connection[] connections;
  private final ReplyWaiters waiting = new ReplyWaiters();
  private final AtomicLong ids = new AtomicLong();
  private final int[][] sizes = new FrameSizes().all();

  RawNettyWorkload(int port, int connectionCount) {
    Bootstrap bootstrap = new Bootstrap()
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
                    waiting.complete(id);
                  }
                });
          }
        });
    connections = new Connection[connectionCount];
    for (int i = 0; i < connectionCount; i++) {
      connections[i] = new Connection(
          bootstrap.connect("127.0.0.1", port).syncUninterruptibly().channel());
    }
  }

  /** One connection and the frames its callers queued for its next flush. */
  private static final class Connection {
    private final Channel channel;
    private final Queue<ByteBuf> outgoing = PlatformDependent.newMpscQueue();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private final Runnable flush = this::flush;

    Connection(Channel channel) {
      this.channel = channel;
    }

    void send(ByteBuf request) {
      outgoing.add(request);
      if (flushScheduled.compareAndSet(false, true)) {
        channel.eventLoop().execute(flush);
      }
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
  }

  private Object call(int operation) {
    int requestSize = sizes[operation][0];
    long id = ids.incrementAndGet();
    ReplyWaiter waiter = new ReplyWaiter(id);
    waiting.add(waiter);
    Connection connection = connections[(int) (id % connections.length)];
    ByteBuf request = connection.channel.alloc().buffer(requestSize);
    request.writeInt(requestSize - 4).writeLong(id).writeInt(sizes[operation][1])
        .writeZero(requestSize - 16);
    connection.send(request);
    waiter.await();
    return Boolean.TRUE;
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
    for (Connection connection : connections) {
      connection.channel.close().syncUninterruptibly();
    }
    group.shutdownGracefully().syncUninterruptibly();
  }
}
