package dev.vireo.rpc.internal.serialization;

import org.apache.fory.memory.MemoryBuffer;

/**
 * A codec's reusable heap buffer that bodies are encoded into before being copied, once, into a
 * body of their own ({@code Bodies}).
 */
final class ScratchBuffer {
  private static final int INITIAL_SIZE = 512;
  /** Beyond this a buffer grown by a large message is dropped rather than kept by the codec. */
  private static final int RETAINED_LIMIT = 1 << 20;

  private MemoryBuffer buffer = MemoryBuffer.newHeapBuffer(INITIAL_SIZE);

  /** The buffer, emptied, for the next body. */
  MemoryBuffer start() {
    buffer.writerIndex(0);
    return buffer;
  }

  /** Drops the buffer if a large body grew it past what a codec keeps. */
  void finished() {
    if (buffer.size() > RETAINED_LIMIT) {
      buffer = MemoryBuffer.newHeapBuffer(INITIAL_SIZE);
    }
  }
}
