package dev.vireo.rpc.internal.acceptor;

/** Accepts requests from clients and hands each to a {@link RequestHandler}. */
public interface Acceptor extends AutoCloseable {
  /** Starts accepting; returns once clients can connect. */
  void start(RequestHandler handler);

  /**
   * Tells every connected client that the server is going away, so that they send it no new
   * calls and close their connections once their last reply is in.
   */
  default void goAway() {}

  /** Stops accepting new connections; open ones keep working until {@link #close()}. */
  default void stopAccepting() {}

  /** Where clients reach this server, for messages. */
  String address();

  /** Stops accepting. Calls already handed to the handler still get their replies. */
  @Override
  void close();
}
