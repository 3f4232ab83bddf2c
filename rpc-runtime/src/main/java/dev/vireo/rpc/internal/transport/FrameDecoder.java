package dev.vireo.rpc.internal.transport;

import dev.vireo.rpc.internal.protocol.FrameHeader;
import dev.vireo.rpc.internal.protocol.InboundFrame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import java.util.List;
import java.util.Set;

/**
 * Splits a connection's bytes into {@link InboundFrame}s ({@link FrameHeader} gives the layout).
 *
 * <p>It fails closed: a wrong magic, a header size below 20, an unknown version or a serialization
 * type this side does not accept raise {@link CorruptedFrameException}, and the connection is
 * closed, since nothing after such bytes can be trusted. A body larger than the limit is different:
 * the header is sound, so the body is skipped as it arrives (never buffered) and an oversized
 * frame is passed on, which the next handler answers for that message id alone.
 */
public final class FrameDecoder extends ByteToMessageDecoder {
  private final long maxBodySize;
  private final Set<Integer> serializations;
  private long discarding;

  public FrameDecoder(long maxBodySize, Set<Integer> serializations) {
    this.maxBodySize = maxBodySize;
    this.serializations = Set.copyOf(serializations);
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
    boolean control = (flags & (FrameHeader.FLAG_HEARTBEAT | FrameHeader.FLAG_GOAWAY)) != 0;
    if (!control && !serializations.contains(serialization)) {
      throw new CorruptedFrameException("serialization type " + serialization + " not accepted");
    }
    int status = in.getUnsignedByte(start + FrameHeader.STATUS_OFFSET);
    long id = in.getLong(start + FrameHeader.ID_OFFSET);
    long bodySize = in.getUnsignedInt(start + FrameHeader.BODY_SIZE_OFFSET);
    if (bodySize > maxBodySize) {
      in.skipBytes(headerSize);
      discarding = bodySize;
      out.add(new InboundFrame(serialization, flags, status, id, bodySize, true,
          Unpooled.EMPTY_BUFFER));
      decode(ctx, in, out);
      return;
    }
    if (in.readableBytes() < headerSize + bodySize) {
      return;
    }
    in.skipBytes(headerSize);
    ByteBuf body = in.readRetainedSlice((int) bodySize);
    out.add(new InboundFrame(serialization, flags, status, id, bodySize, false, body));
  }
}
