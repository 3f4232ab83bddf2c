package dev.vireo.rpc.internal.serialization;

import org.apache.fory.memory.MemoryBuffer;

/**
 * A thread's reusable heap buffer that bodies are encoded into before being copied, once, into a
 * pooled Netty buffer. Lent to one writer at a time; a writer that finds it lent out (a nested
 * call started while another body was being written) gets a buffer of its own.
 */
final class ScratchBuffer {
  private static final int INITIAL_SIZE = 512;
  /** Beyond this a buffer grown by a large message is dropped rather than kept by the thread. */
  private static final int RETAINED_LIMIT = 1 << 20;

  private MemoryBuffer buffer = MemoryBuffer.newHeapBuffer(INITIAL_SIZE);
  private boolean lent;

  MemoryBuffer borrow() {
    if (lent) {
      return MemoryBuffer.newHeapBuffer(INITIAL_SIZE);
    }
    lent = true;
    buffer.writerIndex(0);
    return buffer;
  }

  /** Takes back a buffer {@link #borrow()} gave; one it allocated on the side is just dropped. */
  void giveBack(MemoryBuffer returned) {
    if (returned != buffer) {
      return;
    }
    if (buffer.size() > RETAINED_LIMIT) {
      buffer = MemoryBuffer.newHeapBuffer(INITIAL_SIZE);
    }
    lent = false;
  }
}
