package dev.vireo.rpc.internal.serialization;

import dev.vireo.rpc.stub.ValueWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** An {@link ValueWriter} for one message body, turned into a buffer when complete. */
public interface BodyWriter extends ValueWriter {
  /** The first failure of a write, or null when every value was encoded. */
  Throwable failure();

  /**
   * A hash of the first value's bytes, for routing calls with the same first argument alike; 0
   * when nothing was written. Must be called before {@link #finish}.
   */
  int firstValueHash();

  /** The bytes written so far. Must not be called after {@link #finish} or {@link #discard}. */
  int size();

  /**
   * The encoded body in a buffer from {@code allocator}, owned by the caller. The writer cannot be
   * used afterwards. Must not be called after a failure.
   */
  default ByteBuf finish(ByteBufAllocator allocator) {
    return finish(allocator, 0);
  }

  /**
   * As {@link #finish(ByteBufAllocator)}, with {@code headroom} bytes of room before the body (its
   * reader index), where a frame's header can be written so that the body needs no copy.
   */
  ByteBuf finish(ByteBufAllocator allocator, int headroom);

  /** Drops what was written. The writer cannot be used afterwards. Idempotent. */
  void discard();
}
