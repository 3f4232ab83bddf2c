package dev.vireo.rpc.internal.transport;

import static com.google.common.truth.Truth.assertThat;
import static java.util.concurrent.TimeUnit.SECONDS;

import dev.vireo.rpc.internal.protocol.Bodies;
import dev.vireo.rpc.internal.protocol.Frames;
import dev.vireo.rpc.internal.protocol.Response;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Frames queued from other threads reach the socket as one buffer per flush, in the order they
 * were queued, with every queued frame let go. A handler at the head of the channel's pipeline
 * records each buffer the queue writes.
 */
@Timeout(30)
class WriteQueueTest {
  private final EventLoopGroup group = new DefaultEventLoopGroup(1);
  /** What the queue wrote to the channel, one entry a write. */
  private final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
  /** What the queue called unwritten as each of its writes reached the channel. */
  private final BlockingQueue<Long> unwrittenAsWritten = new LinkedBlockingQueue<>();
  private Channel server;
  private Channel client;
  private WriteQueue queue;

  @BeforeEach
  void connect() throws InterruptedException {
    LocalAddress address = new LocalAddress(WriteQueueTest.class);
    server = new ServerBootstrap().group(group).channel(LocalServerChannel.class)
        .childHandler(new ChannelInitializer<LocalChannel>() {
          @Override
          protected void initChannel(LocalChannel channel) {
            channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
              @Override
              public void channelRead(ChannelHandlerContext ctx, Object message) {
                ReferenceCountUtil.release(message);
              }
            });
          }
        })
        .bind(address).sync().channel();
    client = new Bootstrap().group(group).channel(LocalChannel.class)
        .handler(new ChannelOutboundHandlerAdapter() {
          @Override
          public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
            unwrittenAsWritten.add(queue.unwrittenBytes());
            received.add(ByteBufUtil.getBytes((ByteBuf) message));
            ctx.write(message, promise);
          }
        })
        .connect(address).sync().channel();
    queue = new WriteQueue(client);
  }

  @AfterEach
  void close() throws InterruptedException {
    client.close().sync();
    server.close().sync();
    group.shutdownGracefully(0, 1, SECONDS).sync();
  }

  @Test
  void framesQueuedWhileAFlushIsPendingGoOutAsOneBuffer() throws InterruptedException {
    List<ByteBuf> frames = List.of(frame(10, 1), frame(20, 2), frame(30, 3));
    byte[] all = concat(frames);
    ByteBuf next = frame(5, 4);
    byte[] nextBytes = concat(List.of(next));

    whileTheEventLoopIsBusy(() -> frames.forEach(queue::enqueue));
    whileTheEventLoopIsBusy(() -> queue.enqueue(next));

    assertThat(received.take()).isEqualTo(all);
    assertThat(received.take()).isEqualTo(nextBytes);
    for (ByteBuf frame : frames) {
      assertThat(frame.refCnt()).isEqualTo(0);
    }
  }

  @Test
  void aFrameChainedToItsBodyGoesIntoTheBatchWholeAndLetsItsBodyGo() throws InterruptedException {
    ByteBuf small = frame(10, 1);
    ByteBuf body = frame(5_000, 2);
    Response response = new Response(0, body);
    ByteBuf chained = Frames.response(Bodies.ALLOCATOR, 7, 1, response);
    response.release();
    assertThat(chained).isInstanceOf(CompositeByteBuf.class);
    byte[] all = concat(List.of(small, chained));

    whileTheEventLoopIsBusy(() -> {
      queue.enqueue(small);
      queue.enqueue(chained);
    });

    assertThat(received.take()).isEqualTo(all);
    assertThat(chained.refCnt()).isEqualTo(0);
    assertThat(body.refCnt()).isEqualTo(0);
  }

  @Test
  void aLargeFrameIsWrittenAsItIsBetweenTheBatchesAroundIt() throws InterruptedException {
    ByteBuf before = frame(100, 1);
    ByteBuf large = frame(64 * 1024 + 1, 2);
    ByteBuf after = frame(100, 3);
    byte[] beforeBytes = concat(List.of(before));
    byte[] largeBytes = concat(List.of(large));
    byte[] afterBytes = concat(List.of(after));

    whileTheEventLoopIsBusy(() -> {
      queue.enqueue(before);
      queue.enqueue(large);
      queue.enqueue(after);
    });

    assertThat(received.take()).isEqualTo(beforeBytes);
    assertThat(received.take()).isEqualTo(largeBytes);
    assertThat(received.take()).isEqualTo(afterBytes);
    assertThat(before.refCnt()).isEqualTo(0);
    assertThat(after.refCnt()).isEqualTo(0);
  }

  @Test
  void queuedBytesCountAsUnwrittenUntilTheyAreWritten() throws Exception {
    whileTheEventLoopIsBusy(() -> {
      queue.enqueue(frame(10, 1));
      assertThat(queue.unwrittenBytes()).isEqualTo(10);
    });

    assertThat(received.take()).hasLength(10);
    // Asked on the event loop, once the flush that wrote the frame has run to its end.
    assertThat(client.eventLoop().submit(queue::unwrittenBytes).get()).isEqualTo(0);
  }

  @Test
  void aBatchCountsAsUnwrittenUntilTheChannelHasIt() throws InterruptedException {
    whileTheEventLoopIsBusy(() -> {
      queue.enqueue(frame(10, 1));
      queue.enqueue(frame(20, 2));
    });

    assertThat(received.take()).hasLength(30);
    assertThat(unwrittenAsWritten.take()).isAtLeast(30L);
  }

  @Test
  void aFlushWritesAtMostItsShareAndLeavesTheRestForAfterOtherWork() throws Exception {
    CompletableFuture<Integer> writesBeforeOtherWork = new CompletableFuture<>();
    whileTheEventLoopIsBusy(() -> {
      for (int i = 0; i < 200; i++) {
        queue.enqueue(frame(10, 1));
      }
      client.eventLoop().execute(() -> writesBeforeOtherWork.complete(received.size()));
    });

    assertThat(writesBeforeOtherWork.get(10, SECONDS)).isEqualTo(1);
    assertThat(received.take()).hasLength(128 * 10);
    assertThat(received.take()).hasLength(72 * 10);
  }

  @Test
  void closingAfterWritesWritesEveryQueuedFrameFirst() throws InterruptedException {
    whileTheEventLoopIsBusy(() -> {
      for (int i = 0; i < 200; i++) {
        queue.enqueue(frame(10, 1));
      }
      queue.closeAfterWrites();
    });

    client.closeFuture().sync();
    int bytes = 0;
    for (byte[] write : received) {
      bytes += write.length;
    }
    assertThat(bytes).isEqualTo(200 * 10);
  }

  @Test
  void withoutDirectMemoryForABatchAFlushWritesItsFramesAsTheyAre() throws Exception {
    NoDirectMemoryAllocator noDirectMemory = new NoDirectMemoryAllocator(false);
    client.config().setAllocator(noDirectMemory);
    ByteBuf first = frame(10, 1);
    ByteBuf second = frame(20, 2);
    byte[] firstBytes = concat(List.of(first));
    byte[] secondBytes = concat(List.of(second));

    whileTheEventLoopIsBusy(() -> {
      queue.enqueue(first);
      queue.enqueue(second);
    });

    assertThat(received.take()).isEqualTo(firstBytes);
    assertThat(received.take()).isEqualTo(secondBytes);
    assertThat(unwrittenAsWritten.take()).isAtLeast(30L);
    assertThat(unwrittenAsWritten.take()).isAtLeast(20L);
    assertThat(client.eventLoop().submit(queue::unwrittenBytes).get()).isEqualTo(0);
    // one try for the flush, not one for each frame
    assertThat(noDirectMemory.directAsked.get()).isEqualTo(1);
  }

  /** Runs {@code work} while the event loop is held, so that its flush waits for all of it. */
  private void whileTheEventLoopIsBusy(Runnable work) throws InterruptedException {
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    client.eventLoop().execute(() -> {
      held.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    held.await();
    try {
      work.run();
    } finally {
      release.countDown();
    }
  }

  /** A heap frame of {@code size} bytes, each {@code fill}, as callers build them. */
  private static ByteBuf frame(int size, int fill) {
    ByteBuf frame = Bodies.ALLOCATOR.buffer(size, size);
    for (int i = 0; i < size; i++) {
      frame.writeByte(fill);
    }
    return frame;
  }

  /** The bytes of {@code frames} one after another, read before the queue lets them go. */
  private static byte[] concat(List<ByteBuf> frames) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (ByteBuf frame : frames) {
      bytes.writeBytes(ByteBufUtil.getBytes(frame));
    }
    return bytes.toByteArray();
  }
}
