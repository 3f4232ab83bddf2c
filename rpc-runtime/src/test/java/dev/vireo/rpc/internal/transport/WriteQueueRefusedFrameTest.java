package dev.vireo.rpc.internal.transport;

import static com.google.common.truth.Truth.assertThat;
import static java.util.concurrent.TimeUnit.SECONDS;

import dev.vireo.rpc.internal.protocol.Bodies;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A frame the channel cannot take fails its connection at once, so that the calls waiting on it
 * fail too instead of waiting out their deadlines. Over a socket on 127.0.0.1, whose channel
 * copies a frame built on the heap into direct memory before writing it, with an allocator that
 * has no direct memory to give.
 */
@Timeout(30)
class WriteQueueRefusedFrameTest {
  private final EventLoopGroup group = EventLoops.newGroup(1, "refused-frame-test");
  /** What reached the client's pipeline as its failure. */
  private final CompletableFuture<Throwable> failure = new CompletableFuture<>();
  private Channel server;
  private Channel client;

  @BeforeEach
  void connect() throws InterruptedException {
    server = new ServerBootstrap().group(group).channel(EventLoops.serverSocketChannel())
        .childHandler(new ChannelInboundHandlerAdapter() {
          @Override
          public void channelRead(ChannelHandlerContext ctx, Object message) {
            ReferenceCountUtil.release(message);
          }
        })
        .bind("127.0.0.1", 0).sync().channel();
    client = new Bootstrap().group(group).channel(EventLoops.socketChannel())
        .handler(new ChannelInboundHandlerAdapter() {
          @Override
          public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            failure.complete(cause);
            ctx.close();
          }
        })
        .connect(server.localAddress()).sync().channel();
  }

  @AfterEach
  void close() throws InterruptedException {
    client.close().sync();
    server.close().sync();
    group.shutdownGracefully(0, 1, SECONDS).sync();
  }

  @Test
  void aFrameTheChannelCannotCopyFailsTheConnection() throws Exception {
    // Said to be pooled, so that the channel copies a heap frame through it, and fails to.
    client.config().setAllocator(new NoDirectMemoryAllocator(true));
    WriteQueue queue = new WriteQueue(client);
    ByteBuf frame = Bodies.ALLOCATOR.buffer(16, 16).writeZero(16);

    queue.enqueue(frame);

    assertThat(failure.get(10, SECONDS)).isInstanceOf(OutOfMemoryError.class);
    assertThat(client.closeFuture().await(10, SECONDS)).isTrue();
    assertThat(frame.refCnt()).isEqualTo(0);
    assertThat(client.eventLoop().submit(queue::unwrittenBytes).get()).isEqualTo(0);
  }
}
