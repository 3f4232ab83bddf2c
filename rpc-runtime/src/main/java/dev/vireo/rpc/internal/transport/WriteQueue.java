package dev.vireo.rpc.internal.transport;

import dev.vireo.rpc.internal.protocol.Bodies;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
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
 * pass of the loop: at the end of the read it answers, when its handler says when reads start and
 * end ({@link #readStarted}), as Netty's handlers flush once per read.
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
  /**
   * The buffer a flush copies frames into, on the event loop only, and the bytes copied into it:
   * still counted as queued until the channel has the batch, so that {@link #unwrittenBytes}
   * never misses them.
   */
  private ByteBuf batch;
  private int batched;
  /** Whether the event loop is handling a frame it read, whose read's end flushes; loop only. */
  private boolean reading;
  /** Whether a frame written while reading waits for the read's end to be flushed; loop only. */
  private boolean flushOwed;

  public WriteQueue(Channel channel) {
    this.channel = channel;
  }

  /**
   * Where a frame for this queue is built by the calling thread: off the event loop on the heap,
   * for a flush to batch; on it, in the loop's own pooled memory, since such a frame is written
   * at once.
   */
  public ByteBufAllocator frameAllocator() {
    return channel.eventLoop().inEventLoop() ? channel.alloc() : Bodies.ALLOCATOR;
  }

  /** Queues {@code frame}, which the queue now owns, and makes sure a flush will follow. */
  public void enqueue(ByteBuf frame) {
    if (channel.eventLoop().inEventLoop() && frames.isEmpty()) {
      channel.write(frame, channel.voidPromise());
      if (reading) {
        flushOwed = true;
        return;
      }
    } else {
      queuedBytes.addAndGet(frame.readableBytes());
      frames.add(frame);
    }
    scheduleFlush();
  }

  /**
   * On the event loop, around the handling of each frame it read: what it writes meanwhile is
   * flushed by {@link #readComplete}, not by a task of its own. The caller must call {@code
   * readComplete} once the read ends (Netty's {@code channelReadComplete}, which follows every
   * read).
   */
  public void readStarted() {
    reading = true;
  }

  /** On the event loop, once the frame that {@link #readStarted} announced is handled. */
  public void readEnded() {
    reading = false;
  }

  /**
   * On the event loop, once a read ends: flushes what was written while its frames were handled,
   * again if flushing made the pipeline read more (a TLS handler may, and then fires no read end).
   */
  public void readComplete() {
    while (flushOwed) {
      flushOwed = false;
      channel.flush();
    }
  }

  /** Makes sure a flush task is pending; if the event loop has stopped, lets the queue go. */
  private void scheduleFlush() {
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
        while (!frames.isEmpty()) {
          flush();
        }
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
      });
    } catch (RejectedExecutionException shutDown) {
      discardAll();
    }
    return channel.closeFuture();
  }

  /**
   * Writes what is queued, at most {@link #MAX_WRITES_PER_FLUSH} frames, then flushes; a queue
   * left longer gets a task of its own, after the other work waiting on the event loop.
   */
  private void flush() {
    scheduled.set(false);
    int written = 0;
    boolean batching = true;
    ByteBuf frame;
    while (written < MAX_WRITES_PER_FLUSH && (frame = frames.poll()) != null) {
      written++;
      int size = frame.readableBytes();
      if (batching && size <= MAX_BATCHED_FRAME) {
        if (batch != null && batch.maxWritableBytes() < size) {
          writeBatch();
        }
        if (copyIntoBatch(frame, size)) {
          frame.release();
          batched += size;
          continue;
        }
        // No direct memory for a batch: this frame and the rest of this flush's go as they are,
        // as a large one does, rather than each wait for memory in turn on the event loop.
        batching = false;
      }
      writeBatch();
      // Not a void promise: Netty drops the failure of one whose frame the channel refuses (it
      // could not copy it into direct memory), and the calls waiting on the frame would wait out
      // their deadlines; reported, it closes the connection, which fails them at once.
      channel.write(frame).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
      queuedBytes.addAndGet(-size);
    }
    writeBatch();
    // Also flushes what the event loop wrote directly since the last flush.
    flushOwed = false;
    channel.flush();
    if (!frames.isEmpty()) {
      scheduleFlush();
    }
  }

  /**
   * Copies {@code frame} into the batch, taking one first if needed (sized for what is queued, up
   * to a large frame's worth; a longer burst grows it), and returns whether there was the direct
   * memory for it. A copy that fails leaves the batch as it was.
   */
  private boolean copyIntoBatch(ByteBuf frame, int size) {
    try {
      if (batch == null) {
        batch = channel.alloc().directBuffer(
            (int) Math.min(MAX_BATCHED_FRAME, Math.max(size, queuedBytes.get())), MAX_BATCH);
      }
      batch.writeBytes(frame, frame.readerIndex(), size);
      return true;
    } catch (OutOfMemoryError noDirectMemory) {
      return false;
    }
  }

  /** Hands the batch, if any, to the channel, and only then counts its bytes out of the queue. */
  private void writeBatch() {
    if (batch != null) {
      channel.write(batch, channel.voidPromise());
      queuedBytes.addAndGet(-batched);
      batch = null;
      batched = 0;
    }
  }
}
