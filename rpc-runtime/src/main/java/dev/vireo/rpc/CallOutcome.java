package dev.vireo.rpc;

/**
 * How a call ended, as interceptors learn it: it returned, the implementation threw (a business
 * exception: the method ran), or the call failed with an {@link RpcException}.
 */
public final class CallOutcome {
  private static final CallOutcome OK = new CallOutcome(null);

  private final Throwable failure;

  private CallOutcome(Throwable failure) {
    this.failure = failure;
  }

  /** The call returned normally. */
  public static CallOutcome ok() {
    return OK;
  }

  /** The call ended with {@code failure}: an {@link RpcException}, or a business exception. */
  public static CallOutcome failed(Throwable failure) {
    return failure == null ? OK : new CallOutcome(failure);
  }

  public boolean isOk() {
    return failure == null;
  }

  /** What the caller got instead of a result; null if it got one. */
  public Throwable failure() {
    return failure;
  }

  /** Whether the implementation threw: the method ran. */
  public boolean isBusinessException() {
    return failure != null && !(failure instanceof RpcException);
  }

  /** Why the call failed, or null if it returned or the implementation threw. */
  public RpcStatus status() {
    return failure instanceof RpcException rpc ? rpc.status() : null;
  }

  /**
   * {@code OK}, {@code APPLICATION_ERROR} when the implementation threw, or the {@link RpcStatus}
   * name: the value of a metric's {@code status} tag.
   */
  public String statusName() {
    if (failure == null) {
      return "OK";
    }
    RpcStatus status = status();
    return status == null ? "APPLICATION_ERROR" : status.name();
  }

  @Override
  public String toString() {
    return failure == null ? "OK" : statusName() + ": " + failure.getMessage();
  }
}
