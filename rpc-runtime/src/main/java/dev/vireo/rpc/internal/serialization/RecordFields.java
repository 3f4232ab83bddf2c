package dev.vireo.rpc.internal.serialization;

import dev.vireo.rpc.stub.RecordReader;
import dev.vireo.rpc.stub.RecordWriter;
import org.apache.fory.context.ReadContext;
import org.apache.fory.context.WriteContext;
import org.apache.fory.memory.MemoryBuffer;

/**
 * Writes and reads the fields of records for one Fory instance, in the format {@link
 * dev.vireo.rpc.stub.RecordCodec} describes: each field is its tag (four bytes) and its value, and
 * a zero tag ends the record. Like its instance, it serves one body at a time; a record inside a
 * record uses it too, since it keeps nothing of a record but the context it is part of.
 */
final class RecordFields implements RecordWriter, RecordReader {
  private static final int KIND_BITS = 7;

  private WriteContext writing;
  private MemoryBuffer out;
  private ReadContext reading;
  private MemoryBuffer in;

  void startWriting(WriteContext context) {
    writing = context;
    out = context.getBuffer();
  }

  void endRecord() {
    out.writeInt32(END);
  }

  void startReading(ReadContext context) {
    reading = context;
    in = context.getBuffer();
  }

  @Override
  public void writeBoolean(int tag, boolean value) {
    writeLong(tag, value ? 1 : 0);
  }

  @Override
  public void writeInt(int tag, int value) {
    writeLong(tag, value);
  }

  @Override
  public void writeLong(int tag, long value) {
    tag(tag, INTEGRAL);
    out.writeVarInt64(value);
  }

  @Override
  public void writeFloat(int tag, float value) {
    tag(tag, FLOAT);
    out.writeFloat32(value);
  }

  @Override
  public void writeDouble(int tag, double value) {
    tag(tag, DOUBLE);
    out.writeFloat64(value);
  }

  @Override
  public void writeString(int tag, String value) {
    if (value != null) {
      tag(tag, STRING);
      writing.writeString(value);
    }
  }

  @Override
  public void writeObject(int tag, Object value) {
    if (value != null) {
      tag(tag, OBJECT);
      int lengthAt = out.writerIndex();
      out.writeInt32(0);
      writing.writeRef(value);
      out.putInt32(lengthAt, out.writerIndex() - lengthAt - Integer.BYTES);
    }
  }

  private void tag(int tag, int kind) {
    if ((tag & KIND_BITS) != kind || tag == END) {
      throw new IllegalArgumentException(String.format(
          "tag 0x%08x is not one of a field of kind %d", tag, kind));
    }
    out.writeInt32(tag);
  }

  @Override
  public int nextField() {
    return in.readInt32();
  }

  @Override
  public boolean readBoolean() {
    long value = in.readVarInt64();
    if (value != 0 && value != 1) {
      throw outOfRange("boolean", value);
    }
    return value == 1;
  }

  @Override
  public byte readByte() {
    long value = in.readVarInt64();
    if ((byte) value != value) {
      throw outOfRange("byte", value);
    }
    return (byte) value;
  }

  @Override
  public short readShort() {
    long value = in.readVarInt64();
    if ((short) value != value) {
      throw outOfRange("short", value);
    }
    return (short) value;
  }

  @Override
  public char readChar() {
    long value = in.readVarInt64();
    if ((char) value != value) {
      throw outOfRange("char", value);
    }
    return (char) value;
  }

  @Override
  public int readInt() {
    long value = in.readVarInt64();
    if ((int) value != value) {
      throw outOfRange("int", value);
    }
    return (int) value;
  }

  @Override
  public long readLong() {
    return in.readVarInt64();
  }

  @Override
  public float readFloat() {
    return in.readFloat32();
  }

  @Override
  public double readDouble() {
    return in.readFloat64();
  }

  @Override
  public String readString() {
    return reading.readString();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T readObject(Class<? super T> type) {
    int end = objectEnd();
    Object value = reading.readRef();
    if (in.readerIndex() != end) {
      throw new IllegalArgumentException("a record's field is not as long as it says");
    }
    if (value != null && !type.isInstance(value)) {
      throw new IllegalArgumentException("a record's field of type " + type.getName()
          + " holds a " + value.getClass().getName());
    }
    return (T) value;
  }

  @Override
  public void skip(int tag) {
    switch (tag & KIND_BITS) {
      case INTEGRAL -> in.readVarInt64();
      case FLOAT -> skipBytes(Float.BYTES);
      case DOUBLE -> skipBytes(Double.BYTES);
      case STRING -> reading.readString();
      case OBJECT -> in.readerIndex(objectEnd());
      default -> throw new IllegalArgumentException(
          String.format("field tag 0x%08x has no known kind", tag));
    }
  }

  private void skipBytes(int count) {
    if (in.remaining() < count) {
      throw new IllegalArgumentException("a record ends inside a field");
    }
    in.increaseReaderIndex(count);
  }

  /** Reads an object's length and returns where it ends, which must be within the body. */
  private int objectEnd() {
    int length = in.readInt32();
    if (length < 0 || length > in.remaining()) {
      throw new IllegalArgumentException("a record's field says it holds " + length
          + " bytes where " + in.remaining() + " are left");
    }
    return in.readerIndex() + length;
  }

  private static IllegalArgumentException outOfRange(String type, long value) {
    return new IllegalArgumentException(
        "a record's " + type + " field holds " + value + ", out of its range");
  }
}
