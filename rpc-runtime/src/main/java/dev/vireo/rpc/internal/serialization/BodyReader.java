package dev.vireo.rpc.internal.serialization;

import dev.vireo.rpc.stub.ValueReader;

/**
 * An {@link ValueReader} over one message body. Every read that fails throws an {@code
 * RpcException} with status {@code SERIALIZATION} and marks the reader failed, so the server can
 * tell a request it could not decode from an implementation that threw.
 */
public interface BodyReader extends ValueReader {
  /** Whether a read has failed. */
  boolean failed();

  /**
   * Ends the reader: what it holds goes back to the serializer, and every later read fails.
   * Idempotent. A reader that read its body to the end has already given back what it held.
   */
  void close();
}
