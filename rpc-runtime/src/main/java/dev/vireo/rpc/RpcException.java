package dev.vireo.rpc;

import java.util.Objects;

/**
 * A call failed for a reason other than the implementation throwing: see {@link #status()}. The
 * message says what failed and where, and whether the method may have run; {@link #mayHaveRun()}
 * says the latter for code that decides whether to retry.
 *
 * <p>An exception the implementation threw never arrives as an {@code RpcException}: it arrives as
 * itself or as {@link RemoteApplicationException}.
 */
public class RpcException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final RpcStatus status;
  private final String detail;
  private final boolean mayHaveRun;

  public RpcException(RpcStatus status, String message) {
    this(status, message, status.mayHaveRun(), null);
  }

  public RpcException(RpcStatus status, String message, Throwable cause) {
    this(status, message, status.mayHaveRun(), cause);
  }

  public RpcException(RpcStatus status, String message, boolean mayHaveRun, Throwable cause) {
    super(status + ": " + message
        + (mayHaveRun ? " (the call may have run)" : " (the call did not run)"), cause);
    this.status = Objects.requireNonNull(status, "status");
    this.detail = message;
    this.mayHaveRun = mayHaveRun;
  }

  public RpcStatus status() {
    return status;
  }

  /** What failed, without the status and the may-have-run note the message adds. */
  public String detail() {
    return detail;
  }

  /** Whether the method may have run on the server: if false, a retry cannot run it twice. */
  public boolean mayHaveRun() {
    return mayHaveRun;
  }
}
