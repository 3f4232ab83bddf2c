package dev.vireo.rpc.internal.serialization;

import io.netty.buffer.ByteBuf;
import org.apache.fory.memory.MemoryBuffer;

/**
 * A codec's buffer that bodies are read from. An unpooled body on the heap (as the transports
 * deliver them and as {@code Bodies} builds them) is read where it lies, since its array is never
 * reused; any other body is copied into an array of its own first, since what Fory decodes may
 * keep pointing into it (a {@code ByteBuffer} value is a view of the body). Reading allocates no
 * buffer wrapper per call for bodies up to {@link #RETAINED_LIMIT}; a larger one gets wrappers of
 * its own. The codec lets go of the body when it is given back.
 */
final class ReadBuffer {
  /** Bodies beyond this are read through wrappers of their own. */
  static final int RETAINED_LIMIT = 64 * 1024;
  private static final byte[] NOTHING = new byte[0];

  private final MemoryBuffer shared = MemoryBuffer.newHeapBuffer(0);

  /** Loads {@code body}'s readable bytes. */
  MemoryBuffer load(ByteBuf body) {
    int length = body.readableBytes();
    byte[] bytes;
    int offset;
    if (body.hasArray() && !body.alloc().isDirectBufferPooled()) {
      bytes = body.array();
      offset = body.arrayOffset() + body.readerIndex();
    } else {
      bytes = new byte[length];
      body.getBytes(body.readerIndex(), bytes);
      offset = 0;
    }
    if (length > RETAINED_LIMIT) {
      return MemoryBuffer.fromByteArray(bytes, offset, length);
    }
    shared.pointTo(bytes, offset, length);
    shared.readerIndex(0);
    return shared;
  }

  /** Lets go of the last body, so that a codec in the pool keeps no body's bytes alive. */
  void clear() {
    shared.pointTo(NOTHING, 0, 0);
  }
}
