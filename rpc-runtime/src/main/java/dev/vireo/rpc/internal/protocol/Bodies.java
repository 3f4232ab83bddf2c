package dev.vireo.rpc.internal.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;

/**
 * Where the bodies of calls and replies are built, and where received bodies are copied to: on the
 * heap, unpooled. A body is encoded on the thread that makes the call or runs it (a caller, a
 * pool's worker) and is let go wherever its call ends. Threads outside the event loops share a
 * pooled allocator's magazines, and a pooled buffer let go on a thread other than its owner's goes
 * back through the owner's recycling queue, which many callers then contend on; a heap buffer
 * costs an allocation from the thread's own buffer and is left to the collector. Frames built off
 * the event loop go on the heap too; the connection's event loop copies each flush's frames into
 * one pooled buffer of its own ({@code WriteQueue}).
 */
public final class Bodies {
  /** Heap buffers, without leak tracking (nothing to leak: the collector takes them). */
  public static final ByteBufAllocator ALLOCATOR = new UnpooledByteBufAllocator(false, true);

  private Bodies() {}

  /** The next {@code size} bytes of {@code in}, as a body of their own, read where it lies. */
  public static ByteBuf readFrom(ByteBuf in, int size) {
    byte[] bytes = new byte[size];
    in.readBytes(bytes);
    return Unpooled.wrappedBuffer(bytes);
  }
}
