package dev.vireo.rpc.internal.serialization;

import dev.vireo.rpc.stub.RecordCodec;
import org.apache.fory.config.Config;
import org.apache.fory.context.ReadContext;
import org.apache.fory.context.WriteContext;
import org.apache.fory.serializer.ImmutableSerializer;

/**
 * A record's {@link RecordCodec} as Fory's serializer of its class, so that Fory neither inspects
 * the class nor generates code for it, and the record may be found anywhere in a value (a list's
 * element, another record's field).
 */
final class RecordSerializer<T> extends ImmutableSerializer<T> {
  private final RecordCodec<T> codec;
  private final RecordFields fields;

  RecordSerializer(Config config, Class<T> type, RecordCodec<T> codec, RecordFields fields) {
    super(config, type);
    this.codec = codec;
    this.fields = fields;
  }

  @Override
  public void write(WriteContext context, T value) {
    fields.startWriting(context);
    codec.write(fields, value);
    fields.endRecord();
  }

  @Override
  public T read(ReadContext context) {
    fields.startReading(context);
    return codec.read(fields);
  }
}
