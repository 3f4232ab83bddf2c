package dev.vireo.rpc.internal.serialization;

import io.netty.buffer.ByteBuf;

/**
 * Encodes and decodes message bodies: the arguments of a request, the result of a reply. The SPI
 * behind which Apache Fory sits; another implementation must accept exactly the types in the
 * {@link WireTypes} it is given and refuse every other class without instantiating it.
 *
 * <p>Thread-safe: writers and readers it hands out are not, and each belongs to one call.
 */
public interface Serializer {
  /** The serialization type carried in every frame header. */
  int id();

  /** A writer for one body. It must be finished or discarded on the thread that created it. */
  BodyWriter newWriter();

  /**
   * A reader of {@code body}, which it reads but does not release. It must be closed, on the
   * thread that created it, before the body is released.
   */
  BodyReader newReader(ByteBuf body);
}
