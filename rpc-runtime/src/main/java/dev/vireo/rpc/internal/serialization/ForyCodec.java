package dev.vireo.rpc.internal.serialization;

import org.apache.fory.Fory;

/**
 * A Fory instance and the buffers it encodes into and decodes from, lent by a {@link CodecPool}
 * to one body at a time. The instance was built for one set of {@link WireTypes} ({@link
 * #builtFor}), since Fory freezes its registrations at the first message.
 */
final class ForyCodec {
  final ScratchBuffer scratch = new ScratchBuffer();
  final ReadBuffer reads = new ReadBuffer();
  WireTypes.Registrations builtFor;
  Fory fory;
  /** Whether a body holds it; guards against giving one back twice, which would lend it twice. */
  boolean lent;
}
