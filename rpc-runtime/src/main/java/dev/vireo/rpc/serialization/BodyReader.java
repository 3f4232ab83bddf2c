package dev.vireo.rpc.serialization;

import dev.vireo.rpc.stub.ArgumentReader;

/**
 * An {@link ArgumentReader} over one message body. Every read that fails throws an {@code
 * RpcException} with status {@code SERIALIZATION} and marks the reader failed, so the server can
 * tell a request it could not decode from an implementation that threw.
 */
public interface BodyReader extends ArgumentReader {
  /** Whether a read has failed. */
  boolean failed();
}
