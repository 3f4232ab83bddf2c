package dev.vireo.rpc.internal.serialization;

import io.netty.buffer.ByteBuf;
import org.apache.fory.memory.MemoryBuffer;

/**
 * A codec's reusable buffer that bodies are read from: a body up to {@link #RETAINED_LIMIT} is
 * copied into the codec's array and read there, so decoding allocates no buffer wrappers per
 * call; a larger one is read where it lies, through wrappers of its own. A body occupies the array
 * until its reader gives the codec back.
 */
final class ReadBuffer {
  private static final int INITIAL_SIZE = 1024;
  /** Bodies beyond this are not copied, and the codec's array never grows past it. */
  static final int RETAINED_LIMIT = 64 * 1024;

  private final MemoryBuffer shared = MemoryBuffer.newHeapBuffer(0);
  private byte[] array = new byte[INITIAL_SIZE];

  /** Loads {@code body}'s readable bytes. */
  MemoryBuffer load(ByteBuf body) {
    int length = body.readableBytes();
    if (length > RETAINED_LIMIT) {
      return MemoryBuffer.fromByteBuffer(body.nioBuffer(body.readerIndex(), length));
    }
    if (length > array.length) {
      array = new byte[Math.min(RETAINED_LIMIT, Math.max(length, array.length * 2))];
    }
    body.getBytes(body.readerIndex(), array, 0, length);
    shared.pointTo(array, 0, length);
    shared.readerIndex(0);
    return shared;
  }
}
