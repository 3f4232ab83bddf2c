package dev.vireo.rpc;

/**
 * The implementation threw an exception that the client cannot rebuild as its own type (one the
 * method does not declare and that is not a well-known JDK exception). The method ran. The remote
 * class name and message are kept, and the stack trace is the server's.
 */
public class RemoteApplicationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String remoteClassName;
  private final String remoteMessage;

  public RemoteApplicationException(String remoteClassName, String remoteMessage) {
    super(remoteClassName + (remoteMessage == null ? "" : ": " + remoteMessage));
    this.remoteClassName = remoteClassName;
    this.remoteMessage = remoteMessage;
  }

  /** The binary name of the exception's class on the server. */
  public String remoteClassName() {
    return remoteClassName;
  }

  /** The exception's message on the server, or null. */
  public String remoteMessage() {
    return remoteMessage;
  }
}
