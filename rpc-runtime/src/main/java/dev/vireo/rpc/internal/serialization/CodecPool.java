package dev.vireo.rpc.internal.serialization;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The codecs a serializer keeps between bodies, shared by every thread: a body borrows one and
 * gives it back when it is encoded or read. A thread that kept a codec of its own (a thread local)
 * would build a new Fory instance, hundreds of kilobytes and about a millisecond, the first time
 * each new thread made or served a call, which with a virtual thread per task is every call.
 *
 * <p>The pool keeps as many codecs as were ever borrowed at once, up to its slots and {@link
 * #MAX_OVERFLOW} more: at most the number of threads that encode or decode at once (a thread
 * preempted while it holds one makes the others borrow more). Building one costs so much more
 * than keeping it that a pool which kept only a few would rebuild them over and over under load.
 *
 * <p>A codec sits in one of a fixed number of slots, or beyond them in an overflow queue; a thread
 * looks from the slot its id picks onwards, so a platform thread usually finds the codec it gave
 * back. Slots are a cache line apart, so that threads giving back and borrowing in neighbouring
 * slots do not slow each other down.
 */
final class CodecPool {
  /** Sixteen references apart: 64 bytes with compressed references, 128 without. */
  private static final int SPACING = 16;
  /**
   * Codecs kept beyond the slots at most: as many as a pool of 256 threads kept when each thread
   * had its own, so that a burst of calls held open (by a peer, say) cannot make the pool keep
   * ever more.
   */
  static final int MAX_OVERFLOW = 256;

  private final AtomicReferenceArray<ForyCodec> slots;
  private final int mask;
  private final Queue<ForyCodec> overflow = new ConcurrentLinkedQueue<>();
  /** The overflow queue's size, kept apart: the queue's own is a walk of its nodes. */
  private final AtomicInteger overflowing = new AtomicInteger();

  /** A pool of {@code size} slots, rounded up to a power of two. */
  CodecPool(int size) {
    int slotCount = Integer.highestOneBit(Math.max(1, size - 1)) << 1;
    this.mask = slotCount - 1;
    this.slots = new AtomicReferenceArray<>(slotCount * SPACING);
  }

  /** A pool of four slots per processor, and at least 16. */
  CodecPool() {
    this(Math.max(16, 4 * Runtime.getRuntime().availableProcessors()));
  }

  /**
   * A codec from the pool, or null when it has none. The scan is not atomic: a codec given back
   * behind it is missed, and the borrower builds one more, which the pool then keeps.
   */
  ForyCodec borrow() {
    int home = home();
    for (int i = 0; i <= mask; i++) {
      int index = ((home + i) & mask) * SPACING;
      ForyCodec codec = slots.get(index);
      if (codec != null && slots.compareAndSet(index, codec, null)) {
        return lent(codec);
      }
    }
    ForyCodec codec = overflow.poll();
    if (codec == null) {
      return null;
    }
    overflowing.decrementAndGet();
    return lent(codec);
  }

  /** Marks a codec, new or from the pool, as held by a body. */
  static ForyCodec lent(ForyCodec codec) {
    codec.lent = true;
    return codec;
  }

  /**
   * Puts {@code codec} back in the pool: in a free slot, or in the overflow queue if none is and
   * it holds fewer than {@link #MAX_OVERFLOW}; beyond that it is dropped.
   */
  void giveBack(ForyCodec codec) {
    if (!codec.lent) {
      throw new IllegalStateException("a codec was given back twice");
    }
    codec.lent = false;
    int home = home();
    for (int i = 0; i <= mask; i++) {
      int index = ((home + i) & mask) * SPACING;
      if (slots.get(index) == null && slots.compareAndSet(index, null, codec)) {
        return;
      }
    }
    if (overflowing.get() < MAX_OVERFLOW) {
      overflowing.incrementAndGet();
      overflow.add(codec);
    }
  }

  /** How many codecs the pool holds; scans every slot. */
  int size() {
    int size = overflowing.get();
    for (int slot = 0; slot <= mask; slot++) {
      if (slots.get(slot * SPACING) != null) {
        size++;
      }
    }
    return size;
  }

  private int home() {
    return (int) Thread.currentThread().getId() & mask;
  }
}
