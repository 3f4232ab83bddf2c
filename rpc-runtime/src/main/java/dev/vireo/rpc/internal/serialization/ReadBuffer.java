package dev.vireo.rpc.internal.serialization;

import io.netty.buffer.ByteBuf;
import org.apache.fory.memory.MemoryBuffer;

/**
 * A thread's reusable buffer that bodies are read from: a body up to {@link #RETAINED_LIMIT} is
 * copied into the thread's array and read there, so decoding allocates no buffer wrappers per
 * call; a larger one is read where it lies, through wrappers of its own.
 *
 * <p>A body occupies the thread's array until the next body is loaded on that thread. Generated
 * code reads a body completely before anything else can load one, and each loan carries a number
 * so that a reader used after its loan ended fails loudly instead of reading another body.
 */
final class ReadBuffer {
  private static final int INITIAL_SIZE = 1024;
  /** Bodies beyond this are not copied, and the thread's array never grows past it. */
  static final int RETAINED_LIMIT = 64 * 1024;

  private final Thread owner = Thread.currentThread();
  private final MemoryBuffer shared = MemoryBuffer.newHeapBuffer(0);
  private byte[] array = new byte[INITIAL_SIZE];
  private int loan;

  /** Loads {@code body}'s readable bytes, ending the previous loan on this thread. */
  MemoryBuffer load(ByteBuf body) {
    int length = body.readableBytes();
    if (length > RETAINED_LIMIT) {
      loan++;
      return MemoryBuffer.fromByteBuffer(body.nioBuffer(body.readerIndex(), length));
    }
    if (length > array.length) {
      array = new byte[Math.min(RETAINED_LIMIT, Math.max(length, array.length * 2))];
    }
    body.getBytes(body.readerIndex(), array, 0, length);
    shared.pointTo(array, 0, length);
    shared.readerIndex(0);
    loan++;
    return shared;
  }

  /** The number of the loan {@link #load} just made. */
  int loan() {
    return loan;
  }

  /** Whether a reader holding loan {@code number} may still read. */
  boolean isCurrent(int number) {
    return number == loan && Thread.currentThread() == owner;
  }
}
