package dev.vireo.rpc.internal.transport;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An allocator with heap memory and no direct memory: every direct buffer asked of it throws
 * {@code OutOfMemoryError}, as Netty's pools do when direct memory runs out.
 */
final class NoDirectMemoryAllocator extends AbstractByteBufAllocator {
  /** How many direct buffers were asked for. */
  final AtomicInteger directAsked = new AtomicInteger();
  private final boolean directPooled;

  /**
   * {@code directPooled}: whether it says its direct buffers are pooled, which makes a socket
   * channel copy a heap frame through it before writing it.
   */
  NoDirectMemoryAllocator(boolean directPooled) {
    super(false);
    this.directPooled = directPooled;
  }

  @Override
  protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
    return new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity);
  }

  @Override
  protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
    directAsked.incrementAndGet();
    throw new OutOfMemoryError("no direct memory, as the test asks");
  }

  @Override
  public boolean isDirectBufferPooled() {
    return directPooled;
  }
}
