package dev.vireo.rpc.stub;

import java.util.List;

/**
 * Where a {@link RecordCodec} writes a record's fields, each under its tag. The tag's low three
 * bits say how its value is written, so that a reader that does not know the field can skip it:
 * {@value #INTEGRAL} for a {@code boolean} or an integral value (a zigzag varint of up to nine
 * bytes), {@value #FLOAT} for a {@code float} (four bytes), {@value #DOUBLE} for a {@code double}
 * (eight bytes), {@value #STRING} for a string; for any other value, its length in four bytes,
 * then the value as the serializer writes an object ({@value #OBJECT}), or, when the component's
 * declared class is final ({@value #EXACT}), as it writes that class's data, with no type before
 * it (the class is in the tag instead); for a {@code List} of a final class ({@value #LIST}), its
 * length in four bytes, the number of elements (a varint), then each element: a byte, 0 for null
 * and 1 for a value, and the value (a zigzag varint for {@code Byte}, {@code Short}, {@code
 * Integer} and {@code Long}, a string for {@code String}, that class's data otherwise). A method
 * given a tag of another kind fails. Null strings, objects and lists are not written.
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
  /** The kind of any other value. */
  int OBJECT = 5;
  /** The kind of a value whose declared class is final (a record, {@code LocalDate}, ...). */
  int EXACT = 6;
  /** The kind of a {@code List} whose elements' declared class is final. */
  int LIST = 7;

  void writeBoolean(int tag, boolean value);

  /** Writes a {@code byte}, {@code short}, {@code char} or {@code int}. */
  void writeInt(int tag, int value);

  void writeLong(int tag, long value);

  void writeFloat(int tag, float value);

  void writeDouble(int tag, double value);

  void writeString(int tag, String value);

  /** Writes an object, of kind {@link #OBJECT} or {@link #EXACT}. */
  void writeObject(int tag, Object value);

  /** Writes a list of kind {@link #LIST}: each element's class is the one in its tag. */
  void writeList(int tag, List<?> value);
}
