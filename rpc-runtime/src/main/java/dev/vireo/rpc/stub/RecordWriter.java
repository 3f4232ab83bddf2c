package dev.vireo.rpc.stub;

/**
 * Where a {@link RecordCodec} writes a record's fields, each under its tag. The tag's low three
 * bits say how its value is written, so that a reader that does not know the field can skip it:
 * {@value #INTEGRAL} for a {@code boolean} or an integral value (a zigzag varint of up to ten
 * bytes), {@value #FLOAT} for a {@code float} (four bytes), {@value #DOUBLE} for a {@code double}
 * (eight bytes), {@value #STRING} for a string, {@value #OBJECT} for any other value (its length in
 * four bytes, then the value as the serializer writes an object). A method given a tag of another
 * kind fails. Null strings and objects are not written.
 */
public interface RecordWriter {
  /** The kind of a {@code boolean}, {@code byte}, {@code short}, {@code char}, {@code int} or {@code long}. */
  int INTEGRAL = 1;
  /** The kind of a {@code float}. */
  int FLOAT = 2;
  /** The kind of a {@code double}. */
  int DOUBLE = 3;
  /** The kind of a {@code String}. */
  int STRING = 4;
  /** The kind of every other value. */
  int OBJECT = 5;

  void writeBoolean(int tag, boolean value);

  /** Writes a {@code byte}, {@code short}, {@code char} or {@code int}. */
  void writeInt(int tag, int value);

  void writeLong(int tag, long value);

  void writeFloat(int tag, float value);

  void writeDouble(int tag, double value);

  void writeString(int tag, String value);

  void writeObject(int tag, Object value);
}
