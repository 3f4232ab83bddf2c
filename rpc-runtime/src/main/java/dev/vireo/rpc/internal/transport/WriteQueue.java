package dev.vireo.rpc.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Frames written from any thread, flushed together on the channel's event loop: however many
 * callers write while a flush is pending, they share one task and one flush (one syscall).
 * Callers encode their frames themselves, on the heap ({@code Bodies}); the event loop copies
 * the frames queued since its last flush into one buffer of its own and writes that, so a burst
 * of calls costs one pooled buffer, taken and let go on the event loop, rather than one per call
 * taken on each caller's thread. A frame queued by the event loop itself (a reply from a service
 * run on the I/O thread) is written at once, and flushed with everything else written in the same
 * pass of the loop.
 */
public final class WriteQueue {
  /** Frames written per flush at most, so one busy connection cannot starve its event loop. */
  private static final int MAX_WRITES_PER_FLUSH = 128;
  /** Frames larger than this are written as they are, not copied into a batch. */
  private static final int MAX_BATCHED_FRAME = 64 * 1024;
  /** The largest batch buffer taken at once; more frames go into the next. */
  private static final int MAX_BATCH = 256 * 1024;

  private final Channel channel;
  /**
   * Many callers, one event loop. A linked queue: an idle connection's costs 48 bytes, where an
   * array queue's padding and first array cost hundreds to thousands, and each frame's node is
   * small next to the frame.
   */
  private final Queue<ByteBuf> frames = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  /** The bytes of the frames in {@link #frames}, not yet handed to the channel. */
  private final AtomicLong queuedBytes = new AtomicLong();
  private final Runnable flushTask = this::flush;

  public WriteQueue(Channel channel) {
    this.channel = channel;
  }

  /** Queues {@code frame}, which the queue now owns, and makes sure a flush will follow. */
  public void enqueue(ByteBuf frame) {
    if (channel.eventLoop().inEventLoop() && frames.isEmpty()) {
      channel.write(frame, channel.voidPromise());
      if (scheduled.compareAndSet(false, true)) {
        channel.eventLoop().execute(flushTask);
      }
      return;
    }
    queuedBytes.addAndGet(frame.readableBytes());
    frames.add(frame);
    if (scheduled.compareAndSet(false, true)) {
      try {
        channel.eventLoop().execute(flushTask);
      } catch (RejectedExecutionException shutDown) {
        scheduled.set(false);
        discardAll();
      }
    }
  }

  /**
   * The bytes queued for this connection and not yet written to the socket: those waiting here
   * and those in the channel's outbound buffer. Callable from any thread.
   */
  public long unwrittenBytes() {
    ChannelOutboundBuffer outbound = channel.unsafe().outboundBuffer();
    return queuedBytes.get() + (outbound == null ? 0 : outbound.totalPendingWriteBytes());
  }

  /** Releases what can no longer be written because the event loop has stopped. */
  private void discardAll() {
    ByteBuf frame;
    while ((frame = frames.poll()) != null) {
      queuedBytes.addAndGet(-frame.readableBytes());
      frame.release();
    }
  }

  /**
   * Closes the channel once every frame queued so far is written; the future completes when it
   * is closed. Wait for it before stopping the event loop: a stopping loop closes its channels
   * before it runs the tasks still queued.
   */
  public ChannelFuture closeAfterWrites() {
    try {
      channel.eventLoop().execute(() -> {
        flush();
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
      });
    } catch (RejectedExecutionException shutDown) {
      discardAll();
    }
    return channel.closeFuture();
  }

  private void flush() {
    scheduled.set(false);
    int written = 0;
    ByteBuf batch = null;
    ByteBuf frame;
    while ((frame = frames.poll()) != null) {
      int size = frame.readableBytes();
      // Counted out before the channel counts it in, so never counted twice.
      long stillQueued = queuedBytes.addAndGet(-size);
      if (size > MAX_BATCHED_FRAME) {
        writeBatch(batch);
        batch = null;
        channel.write(frame, channel.voidPromise());
      } else {
        if (batch != null && batch.writableBytes() < size) {
          writeBatch(batch);
          batch = null;
        }
        if (batch == null) {
          batch = channel.alloc().directBuffer(
              (int) Math.min(MAX_BATCH, Math.max(size, size + stillQueued)));
        }
        batch.writeBytes(frame, frame.readerIndex(), size);
        frame.release();
      }
      if (++written == MAX_WRITES_PER_FLUSH) {
        writeBatch(batch);
        batch = null;
        channel.flush();
        written = 0;
      }
    }
    writeBatch(batch);
    // Also flushes what the event loop wrote directly since the last flush.
    channel.flush();
  }

  private void writeBatch(ByteBuf batch) {
    if (batch != null) {
      channel.write(batch, channel.voidPromise());
    }
  }
}
