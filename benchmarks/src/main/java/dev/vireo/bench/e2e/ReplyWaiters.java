package dev.vireo.bench.e2e;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The callers waiting for their replies, by call id: in the slot of a ring that the id picks, or,
 * when that slot is still taken (a caller descheduled for thousands of calls between taking its
 * id and its reply, which 256 callers on two cores do), in an overflow map. So a reply always
 * finds its own caller, without boxing or hashing in the common case.
 */
final class ReplyWaiters {
  private static final int SLOTS = 4096;

  private final AtomicReferenceArray<ReplyWaiter> ring = new AtomicReferenceArray<>(SLOTS);
  private final Map<Long, ReplyWaiter> overflow = new ConcurrentHashMap<>();

  void add(ReplyWaiter waiter) {
    if (!ring.compareAndSet(slot(waiter.id), null, waiter)) {
      overflow.put(waiter.id, waiter);
    }
  }

  /** Wakes the caller waiting for reply {@code id}. */
  void complete(long id) {
    int slot = slot(id);
    ReplyWaiter waiter = ring.get(slot);
    if (waiter != null && waiter.id == id && ring.compareAndSet(slot, waiter, null)) {
      waiter.complete();
      return;
    }
    waiter = overflow.remove(id);
    if (waiter == null) {
      throw new IllegalStateException("a reply to call " + id + ", which nobody waits for");
    }
    waiter.complete();
  }

  private static int slot(long id) {
    return (int) id & (SLOTS - 1);
  }
}
