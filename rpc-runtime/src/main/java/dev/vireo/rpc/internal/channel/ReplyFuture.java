package dev.vireo.rpc.internal.channel;

import dev.vireo.rpc.internal.protocol.Response;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The future of one call's reply, which its one blocking caller waits for by parking on the
 * future itself: whatever completes the future unparks the caller. {@code
 * CompletableFuture.get} would allocate a wait node, push it on the future's stack and run it when
 * the future completes, once per call.
 *
 * <p>Completion by {@code complete}, {@code completeExceptionally}, {@code cancel}, {@code
 * obtrudeValue} and {@code obtrudeException} wakes the caller, as do {@code orTimeout} and {@code
 * completeOnTimeout}, which complete the future through the first two; subclasses that override
 * those methods must call these. {@code completeAsync} would complete it without them, and is not
 * supported. A caller on a {@code ForkJoinPool}'s thread waits through {@code get}, which lets the
 * pool start a spare thread while it blocks.
 */
public class ReplyFuture extends CompletableFuture<Response> {
  /** The thread parked in {@link #await}, if one is. */
  private volatile Thread waiter;

  /**
   * Waits up to {@code timeoutNanos} for {@code reply}, as {@code reply.get(timeoutNanos,
   * NANOSECONDS)} would: our own futures without a wait node, any other through {@code get}.
   */
  public static Response await(CompletableFuture<Response> reply, long timeoutNanos)
      throws InterruptedException, ExecutionException, TimeoutException {
    if (reply instanceof ReplyFuture own) {
      return own.await(timeoutNanos);
    }
    return reply.get(timeoutNanos, TimeUnit.NANOSECONDS);
  }

  /**
   * Waits up to {@code timeoutNanos} for the reply and returns it, or throws as {@code get} does:
   * {@code ExecutionException} if the call failed, {@code CancellationException} if it was
   * cancelled, {@code TimeoutException} or {@code InterruptedException} (clearing the thread's
   * interrupt) if the wait ended first. One thread at a time may wait.
   */
  public final Response await(long timeoutNanos)
      throws InterruptedException, ExecutionException, TimeoutException {
    if (Thread.currentThread() instanceof ForkJoinWorkerThread) {
      return get(timeoutNanos, TimeUnit.NANOSECONDS);
    }
    if (!isDone()) {
      park(timeoutNanos);
    }
    return get(); // done: returns, or throws, at once
  }

  private void park(long timeoutNanos) throws InterruptedException, TimeoutException {
    // The waiter is published before the future is checked, and a completer checks the waiter
    // after it completes the future: one of the two sees the other.
    waiter = Thread.currentThread();
    try {
      long deadline = System.nanoTime() + timeoutNanos;
      while (!isDone()) {
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new TimeoutException();
        }
        LockSupport.parkNanos(this, left);
      }
    } finally {
      waiter = null;
    }
  }

  @Override
  public boolean complete(Response reply) {
    boolean completed = super.complete(reply);
    wake();
    return completed;
  }

  @Override
  public boolean completeExceptionally(Throwable failure) {
    boolean completed = super.completeExceptionally(failure);
    wake();
    return completed;
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    wake();
    return cancelled;
  }

  @Override
  public void obtrudeValue(Response reply) {
    super.obtrudeValue(reply);
    wake();
  }

  @Override
  public void obtrudeException(Throwable failure) {
    super.obtrudeException(failure);
    wake();
  }

  @Override
  public CompletableFuture<Response> completeAsync(Supplier<? extends Response> supplier,
      Executor executor) {
    throw new UnsupportedOperationException("a reply future is completed by its reply");
  }

  private void wake() {
    Thread parked = waiter;
    if (parked != null) {
      LockSupport.unpark(parked);
    }
  }
}
