package dev.vireo.rpc.stub;

/**
 * How one record class travels, written by the processor for every record a service's calls carry:
 * field by field, through the record's accessors and canonical constructor, with no reflection and
 * no serializer generated at run time.
 *
 * <p>Each field is written under a <em>tag</em>, an {@code int} the processor derives from the
 * component's name (the FNV-1a hash of its UTF-8 bytes, low three bits cleared; for a value
 * written without its type, of its name and type) and the kind of value it holds (the low three
 * bits: see {@link RecordWriter}). A reader takes the fields it knows
 * by their tags, in any order, skips the others and leaves the missing ones at their defaults
 * ({@code null}, zero, {@code false}): a record may gain or lose components, or change a
 * component's kind of value, between the client's version and the server's. A null component is
 * not written at all.
 *
 * @param <T> the record class
 */
public interface RecordCodec<T> {
  /** Writes each component of {@code value} under its tag. */
  void write(RecordWriter out, T value);

  /** Reads the fields {@link #write} wrote and builds the record with its canonical constructor. */
  T read(RecordReader in);
}
