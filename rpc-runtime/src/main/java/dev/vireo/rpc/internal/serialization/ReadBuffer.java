package dev.vireo.rpc.internal.serialization;

import io.netty.buffer.ByteBuf;
import org.apache.fory.memory.MemoryBuffer;

/**
 * A codec's reusable buffer that bodies are read from. A body on the heap (as the transports
 * deliver them) is read where it lies; another body up to {@link #RETAINED_LIMIT} is copied into
 * the codec's array and read there. Either way decoding allocates no buffer wrappers per call,
 * except for a body beyond that limit, which gets wrappers of its own so that the codec never
 * holds on to it. A body occupies the buffer until its reader gives the codec back.
 */
final class ReadBuffer {
  private static final int INITIAL_SIZE = 1024;
  /** Bodies beyond this are read through wrappers of their own; the codec's array stays below. */
  static final int RETAINED_LIMIT = 64 * 1024;

  private final MemoryBuffer shared = MemoryBuffer.newHeapBuffer(0);
  private byte[] array = new byte[INITIAL_SIZE];

  /** Loads {@code body}'s readable bytes. */
  MemoryBuffer load(ByteBuf body) {
    int length = body.readableBytes();
    if (body.hasArray()) {
      int offset = body.arrayOffset() + body.readerIndex();
      if (length > RETAINED_LIMIT) {
        return MemoryBuffer.fromByteArray(body.array(), offset, length);
      }
      return pointShared(body.array(), offset, length);
    }
    if (length > RETAINED_LIMIT) {
      return MemoryBuffer.fromByteBuffer(body.nioBuffer(body.readerIndex(), length));
    }
    if (length > array.length) {
      array = new byte[Math.min(RETAINED_LIMIT, Math.max(length, array.length * 2))];
    }
    body.getBytes(body.readerIndex(), array, 0, length);
    return pointShared(array, 0, length);
  }

  private MemoryBuffer pointShared(byte[] bytes, int offset, int length) {
    shared.pointTo(bytes, offset, length);
    shared.readerIndex(0);
    return shared;
  }
}
