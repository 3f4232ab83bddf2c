package dev.vireo.rpc.stub;

import java.util.List;

/**
 * Reads the fields a {@link RecordWriter} wrote: {@link #nextField()} gives each field's tag, then
 * the codec reads its value with the read method of the component's type, or {@link #skip skips}
 * it. A value that does not fit the type read (an {@code int} component given a {@code long} out
 * of its range, an object of another class) or bytes that are not a record fail with an {@code
 * RpcException} whose status is {@code SERIALIZATION}.
 */
public interface RecordReader extends ValueReader {
  /** What {@link #nextField()} returns after the last field. */
  int END = 0;

  /** The tag of the next field, or {@link #END}. */
  int nextField();

  /** Reads a list written by {@link RecordWriter#writeList} of elements of class {@code element}. */
  <E> List<E> readList(Class<E> element);

  /** Skips the value of the field whose tag {@link #nextField()} just returned. */
  void skip(int tag);
}
