package dev.vireo.rpc.internal.transport;

import dev.vireo.rpc.internal.protocol.Bodies;
import dev.vireo.rpc.internal.protocol.FrameHeader;
import dev.vireo.rpc.internal.protocol.InboundFrame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits a connection's bytes into {@link InboundFrame}s ({@link FrameHeader} gives the layout).
 *
 * <p>It fails closed: a wrong magic, a header size below 20, an unknown version or a serialization
 * type this side does not accept raise {@link CorruptedFrameException}, and the connection is
 * closed, since nothing after such bytes can be trusted. A body larger than the limit is different:
 * the header is sound, so the body is skipped as it arrives (never buffered) and an oversized
 * frame is passed on, which the next handler answers for that message id alone.
 *
 * <p>A frame must arrive whole within {@code frameTimeout} of its first byte, or the connection is
 * closed: a peer that trickles a frame in a byte at a time cannot hold a connection and a
 * partial frame for ever. Each body is copied out of the read buffer, so a body waiting in a
 * queue holds its own bytes and not the buffer it arrived in with other frames. On a server, a
 * request is admitted from its header ({@link FrameAdmission}), before its body is buffered, and
 * no other frame's body is buffered at all: a peer cannot park bytes where they are not counted.
 */
public final class FrameDecoder extends ByteToMessageDecoder {
  private static final Logger log = LoggerFactory.getLogger(FrameDecoder.class);

  private final long maxBodySize;
  private final Set<Integer> serializations;
  private final long frameTimeoutNanos;
  private final FrameAdmission admission;
  /** Whether the body of anything but a request is over the limit, whatever its size. */
  private final boolean requestsOnly;
  private long discarding;
  /** The body size of the request whose header was admitted and whose body is arriving; -1. */
  private long admitted = -1;
  private long framesDecoded;
  /** Whether part of a frame has arrived and the rest has not. */
  private boolean partial;
  private long partialSince;
  private long partialAfterFrame;
  private ScheduledFuture<?> timer;

  /** A client's decoder: it holds the body of any frame within the limit. */
  public FrameDecoder(long maxBodySize, Set<Integer> serializations, Duration frameTimeout) {
    this(maxBodySize, serializations, frameTimeout, FrameAdmission.ALL, false);
  }

  /**
   * A server's decoder: it asks {@code admission} before it holds the body of a request, and
   * holds no body of any other frame (heartbeats, cancels and going-away notices have none, and
   * a server ignores replies), which it skips as it does a body over the limit.
   */
  public FrameDecoder(long maxBodySize, Set<Integer> serializations, Duration frameTimeout,
      FrameAdmission admission) {
    this(maxBodySize, serializations, frameTimeout, admission, true);
  }

  private FrameDecoder(long maxBodySize, Set<Integer> serializations, Duration frameTimeout,
      FrameAdmission admission, boolean requestsOnly) {
    this.maxBodySize = maxBodySize;
    this.serializations = Set.copyOf(serializations);
    this.frameTimeoutNanos = frameTimeout.toNanos();
    this.admission = admission;
    this.requestsOnly = requestsOnly;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object message) throws Exception {
    super.channelRead(ctx, message);
    boolean waiting = discarding > 0 || internalBuffer().isReadable();
    if (!waiting) {
      partial = false;
      return;
    }
    if (!partial || partialAfterFrame != framesDecoded) {
      partial = true;
      partialSince = ctx.executor().ticker().nanoTime();
      partialAfterFrame = framesDecoded;
    }
    if (timer == null && ctx.channel().isActive()) {
      timer = ctx.executor().schedule(() -> checkPartial(ctx), frameTimeoutNanos,
          TimeUnit.NANOSECONDS);
    }
  }

  /** Closes the connection if the frame under way started more than the timeout ago. */
  private void checkPartial(ChannelHandlerContext ctx) {
    timer = null;
    if (!partial || !ctx.channel().isActive()) {
      return;
    }
    long waited = ctx.executor().ticker().nanoTime() - partialSince;
    if (waited >= frameTimeoutNanos) {
      log.warn("Vireo: closing the connection with {}: a frame took more than {} ms to arrive",
          ctx.channel().remoteAddress(), TimeUnit.NANOSECONDS.toMillis(frameTimeoutNanos));
      ctx.close();
      return;
    }
    timer = ctx.executor().schedule(() -> checkPartial(ctx), frameTimeoutNanos - waited,
        TimeUnit.NANOSECONDS);
  }

  @Override
  protected void handlerRemoved0(ChannelHandlerContext ctx) {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
    if (admitted >= 0) {
      admission.abandon(admitted);
      admitted = -1;
    }
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (discarding > 0) {
      int skipped = (int) Math.min(discarding, in.readableBytes());
      in.skipBytes(skipped);
      discarding -= skipped;
      return;
    }
    if (in.readableBytes() < FrameHeader.VERSION_OFFSET) {
      return;
    }
    int start = in.readerIndex();
    short magic = in.getShort(start + FrameHeader.MAGIC_OFFSET);
    if (magic != FrameHeader.MAGIC) {
      throw new CorruptedFrameException(
          String.format("bad magic 0x%04x (expected 0x%04x)", magic, FrameHeader.MAGIC));
    }
    int headerSize = in.getUnsignedByte(start + FrameHeader.SIZE_OFFSET);
    if (headerSize < FrameHeader.SIZE) {
      throw new CorruptedFrameException("header of " + headerSize + " bytes, below "
          + FrameHeader.SIZE);
    }
    if (in.readableBytes() < headerSize) {
      return;
    }
    int version = in.getUnsignedByte(start + FrameHeader.VERSION_OFFSET);
    if (version != FrameHeader.VERSION) {
      throw new CorruptedFrameException("unsupported protocol version " + version);
    }
    int flags = in.getUnsignedByte(start + FrameHeader.FLAGS_OFFSET);
    int serialization = in.getUnsignedByte(start + FrameHeader.SERIALIZATION_OFFSET);
    boolean control = (flags & FrameHeader.CONTROL_FLAGS) != 0;
    if (!control && !serializations.contains(serialization)) {
      throw new CorruptedFrameException("serialization type " + serialization + " not accepted");
    }
    int status = in.getUnsignedByte(start + FrameHeader.STATUS_OFFSET);
    long id = in.getLong(start + FrameHeader.ID_OFFSET);
    long bodySize = in.getUnsignedInt(start + FrameHeader.BODY_SIZE_OFFSET);
    boolean request = !control && (flags & FrameHeader.FLAG_RESPONSE) == 0;
    if (bodySize > (request || !requestsOnly ? maxBodySize : 0)) {
      in.skipBytes(headerSize);
      discarding = bodySize;
      framesDecoded++;
      out.add(new InboundFrame(serialization, flags, status, id, bodySize, true,
          Unpooled.EMPTY_BUFFER));
      decode(ctx, in, out);
      return;
    }
    if (request && admitted < 0) {
      if (!admission.admit(id, (flags & FrameHeader.FLAG_ONEWAY) != 0, bodySize)) {
        // Refused and answered: its body is skipped as it arrives, never held.
        in.skipBytes(headerSize);
        discarding = bodySize;
        framesDecoded++;
        return;
      }
      admitted = bodySize;
    }
    if (in.readableBytes() < headerSize + bodySize) {
      return;
    }
    in.skipBytes(headerSize);
    ByteBuf body = bodySize == 0 ? Unpooled.EMPTY_BUFFER : Bodies.readFrom(in, (int) bodySize);
    framesDecoded++;
    out.add(new InboundFrame(serialization, flags, status, id, bodySize, false, body));
    // Handed on with its frame only now: if allocating the body failed, removal gives it back.
    admitted = -1;
  }
}
