package dev.vireo.rpc.internal.protocol;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;

/**
 * Where the bodies of calls and replies are built: on the heap, unpooled. A body is encoded on
 * the thread that makes the call or runs it (a caller, a pool's worker) and let go on another
 * (the event loop, once framed). Threads outside the event loops share a pooled allocator's
 * magazines, and a pooled buffer let go on another thread goes back through its owner's recycling
 * queue, both of which many callers contend on; a heap body costs an allocation from the thread's
 * own buffer and is left to the collector. Frames themselves, header and small body together, are
 * pooled and direct as before.
 */
public final class Bodies {
  /** Heap buffers, without leak tracking (nothing to leak: the collector takes them). */
  public static final ByteBufAllocator ALLOCATOR = new UnpooledByteBufAllocator(false, true);

  private Bodies() {}
}
