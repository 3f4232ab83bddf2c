package dev.vireo.rpc.internal.processor;

import java.lang.ref.WeakReference;

/**
 * Tells whether the garbage collector ran between two moments, so that a call slowed by a
 * collection's pause is not taken for a call that blocked. A mark is a weak reference to an
 * object nothing else holds: any collection clears it, and a new one is made only after that, so
 * marking costs a read while no collection happens.
 */
final class Pauses {
  private static volatile WeakReference<Object> canary = new WeakReference<>(new Object());

  private Pauses() {}

  /** A mark of now, for {@link #collectedSince}. */
  static WeakReference<Object> mark() {
    WeakReference<Object> mark = canary;
    if (mark.refersTo(null)) {
      mark = new WeakReference<>(new Object());
      canary = mark;
    }
    return mark;
  }

  /** Whether a garbage collection ran since {@code mark} was taken. */
  static boolean collectedSince(WeakReference<Object> mark) {
    return mark.refersTo(null);
  }
}
