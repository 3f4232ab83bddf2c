package dev.vireo.rpc.internal.transport;

import dev.vireo.rpc.internal.protocol.FrameHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** Frames built by hand, byte by byte, for tests of the codec and the handlers behind it. */
public final class TestFrames {
  private TestFrames() {}

  /** A frame with a valid version-1 header, serialization 1, no flags, and {@code size} zero bytes. */
  public static ByteBuf frame(long id, int size) {
    return frame(id, 0, size);
  }

  /** The same frame with {@code flags} set. */
  public static ByteBuf frame(long id, int flags, int size) {
    ByteBuf frame = ByteBufAllocator.DEFAULT.buffer();
    frame.writeShort(FrameHeader.MAGIC).writeByte(FrameHeader.SIZE).writeByte(1).writeByte(1)
        .writeByte(flags).writeByte(0).writeByte(0).writeLong(id).writeInt(size)
        .writeZero(size);
    return frame;
  }
}
