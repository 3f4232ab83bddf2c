package dev.vireo.rpc.internal.acceptor;

import java.util.concurrent.atomic.AtomicLong;

/** The request bytes a server holds for calls not yet answered, against a limit. */
final class BytesInFlight {
  private final long limit;
  private final AtomicLong held = new AtomicLong();

  BytesInFlight(long limit) {
    this.limit = limit;
  }

  /** Takes {@code bytes} from the budget if they fit; returns whether they did. */
  boolean tryAcquire(long bytes) {
    if (held.addAndGet(bytes) > limit) {
      held.addAndGet(-bytes);
      return false;
    }
    return true;
  }

  void release(long bytes) {
    held.addAndGet(-bytes);
  }

  long limit() {
    return limit;
  }
}
