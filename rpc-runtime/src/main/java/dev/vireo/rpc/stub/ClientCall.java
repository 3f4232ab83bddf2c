package dev.vireo.rpc.stub;

import java.util.concurrent.CompletableFuture;

/**
 * One call from a generated stub: the stub writes the arguments, then invokes it exactly once in
 * one of three ways, and closes it. Not thread-safe; it lives on the stack of the calling method.
 *
 * <pre>{@code
 * try (ClientCall call = invoker.newCall(GET_USER)) {
 *   call.arguments().writeLong(id);
 *   return call.invoke().readObject(User.class);
 * }
 * }</pre>
 */
public interface ClientCall extends AutoCloseable {
  /** Where the stub writes the arguments, before invoking. */
  ValueWriter arguments();

  /**
   * Sends the call and waits for its reply, up to the call's deadline. Returns the reader of the
   * result; throws the business exception the implementation threw, or an {@code RpcException}.
   */
  ValueReader invoke();

  /**
   * Sends the call without waiting. The future completes with the result {@code decoder} decodes,
   * or exceptionally as {@link #invoke()} would throw. Never blocks the caller.
   */
  <R> CompletableFuture<R> invokeAsync(ResultDecoder<R> decoder);

  /**
   * Hands the call to the transport and returns; no reply will come. Throws an {@code
   * RpcException} if it could not even be sent.
   */
  void invokeOneway();

  /** Releases what the call still holds (the reply's buffer). Never throws. */
  @Override
  void close();
}
