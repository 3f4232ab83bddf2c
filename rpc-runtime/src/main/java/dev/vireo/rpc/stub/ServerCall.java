package dev.vireo.rpc.stub;

import java.util.concurrent.CompletionStage;

/**
 * One incoming call, as the generated dispatcher sees it: the arguments to read, and where the
 * result goes. The runtime sends the reply when {@link ServiceDispatcher#dispatch} returns, or when
 * the stage given to {@link #resultLater} completes; it sends none for one-way methods.
 */
public interface ServerCall {
  ValueReader arguments();

  /** Where a synchronous method's result is written; untouched for {@code void} methods. */
  ValueWriter result();

  /**
   * The reply waits for {@code result}; when it completes, {@code encoder} encodes its value, or the
   * exception it failed with goes back as the business exception. No thread waits meanwhile.
   */
  <R> void resultLater(CompletionStage<R> result, ResultEncoder<? super R> encoder);
}
