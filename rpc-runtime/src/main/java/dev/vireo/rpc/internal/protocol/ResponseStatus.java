package dev.vireo.rpc.internal.protocol;

/**
 * The status byte of a reply. Besides these two, it holds the code of an {@code RpcStatus} (2 and
 * up) when the call failed for a reason other than the implementation throwing.
 */
public final class ResponseStatus {
  /** The method returned; the body is its result. */
  public static final int OK = 0;
  /** The method threw; the body is a {@link ThrownException}. */
  public static final int APPLICATION_ERROR = 1;

  private ResponseStatus() {}
}
