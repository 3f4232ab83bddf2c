package dev.vireo.rpc;

/**
 * Why a call failed for a reason other than the implementation throwing. Each status has a fixed
 * code on the wire ({@code docs/protocol.md}) and says whether the method may have run.
 */
public enum RpcStatus {
  /** The deadline passed before a reply arrived. The method may have run. */
  TIMEOUT(2, true),
  /** No provider could be reached, or the provider is shutting down. */
  UNAVAILABLE(3, false),
  /** The provider exports no service with this name and tag. */
  SERVICE_NOT_FOUND(4, false),
  /** The service has no such method, or does not export it. */
  METHOD_NOT_FOUND(5, false),
  /** The service's queue was full; the call was refused without running. */
  OVERLOADED(6, false),
  /** A value could not be encoded or decoded, or its class is not allowed on the wire. */
  SERIALIZATION(7, true),
  /** The request was malformed or too large; it was not run. */
  BAD_REQUEST(8, false),
  /** The call was cancelled, for example because the client closed. The method may have run. */
  CANCELLED(9, true),
  /** The caller could not prove who it is; the call was refused without running. */
  UNAUTHENTICATED(10, false),
  /** Something broke inside the framework. The method may have run. */
  INTERNAL(11, true),
  /** The caller is known but may not make this call; it was refused without running. */
  PERMISSION_DENIED(12, false),
  /** A limit on what one caller or connection may use was reached; the call was not run. */
  RESOURCE_EXHAUSTED(13, false);

  private final int code;
  private final boolean mayHaveRun;

  RpcStatus(int code, boolean mayHaveRun) {
    this.code = code;
    this.mayHaveRun = mayHaveRun;
  }

  /** The status byte in a reply's header. */
  public int code() {
    return code;
  }

  /**
   * Whether, in general, a call that failed with this status may have run on the server. A given
   * {@link RpcException} knows better: see {@link RpcException#mayHaveRun()}.
   */
  public boolean mayHaveRun() {
    return mayHaveRun;
  }

  /** The status with this wire code, or {@link #INTERNAL} for a code this version does not know. */
  public static RpcStatus fromCode(int code) {
    for (RpcStatus status : values()) {
      if (status.code == code) {
        return status;
      }
    }
    return INTERNAL;
  }
}
