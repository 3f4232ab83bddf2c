package dev.vireo.rpc;

/**
 * Live readings of a server's or a client's connections, for monitoring (the metrics module
 * publishes them): how many are open, and the bytes they carried since the start. Zero in
 * process. Thread-safe; each reading is a moment's.
 */
public interface ConnectionStats {
  int openConnections();

  long bytesReceived();

  long bytesSent();
}
