package dev.vireo.rpc.internal.connector;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongConsumer;

/**
 * The calls on one connection that wait for their replies, by message id. Ids are handed out in
 * sequence, so each call goes into the slot of a ring that its id picks, and is found and taken
 * out again without boxing the id or hashing it. A call whose slot is still taken (more calls in
 * flight than slots, or one call stuck far behind the others) goes into an overflow map instead.
 * Callers add, the event loop takes, and any thread may remove a call that failed.
 */
final class PendingCalls {
  static final int SLOTS = 1024;

  private final AtomicReferenceArray<PendingCall> ring = new AtomicReferenceArray<>(SLOTS);
  private final ConcurrentMap<Long, PendingCall> overflow = new ConcurrentHashMap<>();
  /** The overflow map's size, exact: the map's own is a sum that concurrent updates can skew. */
  private final AtomicInteger overflowing = new AtomicInteger();
  /** Told whenever a failed call leaves the table; set while the connection drains. */
  private volatile Runnable onRemoved;
  private final LongConsumer onAbandoned;

  /** {@code onAbandoned} is told the id of each call its caller gave up on while it waited. */
  PendingCalls(LongConsumer onAbandoned) {
    this.onAbandoned = onAbandoned;
  }

  void add(PendingCall call) {
    if (!ring.compareAndSet(slot(call.id()), null, call)) {
      overflowing.incrementAndGet();
      overflow.put(call.id(), call);
    }
  }

  /** Takes out the call waiting for the reply {@code id}; null if none does (any more). */
  PendingCall take(long id) {
    int slot = slot(id);
    PendingCall call = ring.get(slot);
    if (call != null && call.id() == id && ring.compareAndSet(slot, call, null)) {
      return call;
    }
    if (overflowing.get() == 0) {
      return null;
    }
    PendingCall overflowed = overflow.remove(id);
    if (overflowed != null) {
      overflowing.decrementAndGet();
    }
    return overflowed;
  }

  /** Takes out {@code call} if it is still waiting; returns whether it was. */
  boolean remove(PendingCall call) {
    boolean removed = ring.compareAndSet(slot(call.id()), call, null);
    if (!removed && overflow.remove(call.id(), call)) {
      overflowing.decrementAndGet();
      removed = true;
    }
    Runnable listener = onRemoved;
    if (listener != null) {
      listener.run();
    }
    return removed;
  }

  /** Whether {@code call} still waits in the table. */
  boolean contains(PendingCall call) {
    return ring.get(slot(call.id())) == call || overflow.get(call.id()) == call;
  }

  /** Tells the connection that the caller of call {@code id} gave up waiting for it. */
  void abandoned(long id) {
    onAbandoned.accept(id);
  }

  /** Runs {@code listener} whenever a failed call leaves the table from now on. */
  void onRemoved(Runnable listener) {
    this.onRemoved = listener;
  }

  /** Whether no call waits; scans every slot, so only for a connection being drained. */
  boolean isEmpty() {
    for (int slot = 0; slot < SLOTS; slot++) {
      if (ring.get(slot) != null) {
        return false;
      }
    }
    return overflowing.get() == 0;
  }

  /** Takes out every waiting call. */
  List<PendingCall> takeAll() {
    List<PendingCall> all = new ArrayList<>();
    for (int slot = 0; slot < SLOTS; slot++) {
      PendingCall call = ring.getAndSet(slot, null);
      if (call != null) {
        all.add(call);
      }
    }
    for (Long id : overflow.keySet()) {
      PendingCall call = overflow.remove(id);
      if (call != null) {
        overflowing.decrementAndGet();
        all.add(call);
      }
    }
    return all;
  }

  private static int slot(long id) {
    return (int) id & (SLOTS - 1);
  }
}
