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
}
