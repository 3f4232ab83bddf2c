package dev.vireo.rpc.internal.serialization;

import dev.vireo.rpc.stub.RecordReader;
import dev.vireo.rpc.stub.RecordWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;
import org.apache.fory.context.ReadContext;
import org.apache.fory.context.WriteContext;
import org.apache.fory.memory.MemoryBuffer;
import org.apache.fory.resolver.TypeResolver;
import org.apache.fory.serializer.Serializer;

/**
 * Writes and reads the fields of records for one Fory instance, in the format {@link
 * dev.vireo.rpc.stub.RecordCodec} describes: each field is its tag (four bytes) and its value, and
 * a zero tag ends the record. Like its instance, it serves one body at a time; a record inside a
 * record uses it too, since it keeps nothing of a record but the context it is part of.
 */
final class RecordFields implements RecordWriter, RecordReader {
  private static final int KIND_BITS = 7;
  private static final int KEPT_SERIALIZERS = 8;
  /** The most bytes a varint32 takes. */
  private static final int MAX_VARINT32 = 5;
  /**
   * The room Fory's unchecked varint writes need after the write position: they may store a
   * whole word at once, past the varint's own bytes (its checked writes ensure as much).
   */
  static final int VARINT_ROOM = 9;
  /** The most a body may take: below what Fory grows a buffer to at most. */
  private static final long MAX_BUFFER = Integer.MAX_VALUE - 16;
  /** A list's flag: its elements follow one after another. */
  private static final byte NO_NULLS = 0;
  /** A list's flag: a byte before each element says whether it is there (1) or null (0). */
  private static final byte WITH_NULLS = 1;

  private WriteContext writing;
  private MemoryBuffer out;
  private ReadContext reading;
  private MemoryBuffer in;
  /** The tag {@link #nextField()} returned last. */
  private int field;
  private final Class<?>[] keptTypes = new Class<?>[KEPT_SERIALIZERS];
  @SuppressWarnings("unchecked")
  private final Serializer<Object>[] keptSerializers = new Serializer[KEPT_SERIALIZERS];
  private int nextKept;

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
    tag(tag, INTEGRAL, VARINT_ROOM);
    // the same bytes as a varint64 of the value, in fewer steps
    out._unsafeWriteVarInt32(value);
  }

  @Override
  public void writeLong(int tag, long value) {
    tag(tag, INTEGRAL, VARINT_ROOM);
    out._unsafeWriteVarInt64(value);
  }

  @Override
  public void writeFloat(int tag, float value) {
    tag(tag, FLOAT, Float.BYTES);
    out.writeFloat32(value);
  }

  @Override
  public void writeDouble(int tag, double value) {
    tag(tag, DOUBLE, Double.BYTES);
    out.writeFloat64(value);
  }

  @Override
  public void writeString(int tag, String value) {
    if (value != null) {
      tag(tag, STRING, 0);
      writing.writeString(value);
    }
  }

  @Override
  public void writeObject(int tag, Object value) {
    if (value != null) {
      boolean exact = (tag & KIND_BITS) == EXACT;
      tag(tag, exact ? EXACT : OBJECT, Integer.BYTES);
      // the length's place, filled in below; a write that throws fails the whole body, which is
      // then never sent
      int lengthAt = out.writerIndex();
      out._unsafeWriterIndex(lengthAt + Integer.BYTES);
      if (exact) {
        writing.writeNonRef(value, serializerOf(writing.getTypeResolver(), value.getClass()));
      } else {
        writing.writeRef(value);
      }
      out.putInt32(lengthAt, out.writerIndex() - lengthAt - Integer.BYTES);
    }
  }

  @Override
  public void writeList(int tag, List<?> value) {
    if (value == null) {
      return;
    }
    tag(tag, LIST, Integer.BYTES);
    int lengthAt = out.writerIndex();
    out._unsafeWriterIndex(lengthAt + Integer.BYTES);
    int size = value.size();
    out.writeVarUInt32(size);
    // Looked for before anything is written: what Fory writes for an element may leave state in
    // its context (a class described once per body), so the elements cannot be written twice.
    boolean flagged = holdsNull(value);
    out.writeByte(flagged ? WITH_NULLS : NO_NULLS);
    writeElements(value, size, flagged);
    out.putInt32(lengthAt, out.writerIndex() - lengthAt - Integer.BYTES);
  }

  private static boolean holdsNull(List<?> list) {
    if (list instanceof RandomAccess) {
      for (int i = 0, size = list.size(); i < size; i++) {
        if (list.get(i) == null) {
          return true;
        }
      }
      return false;
    }
    for (Object element : list) {
      if (element == null) {
        return true;
      }
    }
    return false;
  }

  /**
   * Writes the {@code size} elements of {@code list} in one pass, by index when it is {@code
   * RandomAccess} and with its iterator otherwise, each after a byte saying whether it is null if
   * {@code flagged}.
   */
  private void writeElements(List<?> list, int size, boolean flagged) {
    boolean roomForIntegers = false;
    if (list instanceof RandomAccess) {
      for (int i = 0; i < size; i++) {
        roomForIntegers = writeElement(list.get(i), i == 0, size, flagged, roomForIntegers);
      }
      if (list.size() != size) {
        throw new IllegalStateException("a list changed while it was written");
      }
      return;
    }
    int written = 0;
    for (Object element : list) {
      if (++written > size) {
        throw new IllegalStateException("a list changed while it was written");
      }
      roomForIntegers = writeElement(element, written == 1, size, flagged, roomForIntegers);
    }
    if (written != size) {
      throw new IllegalStateException("a list changed while it was written");
    }
  }

  /**
   * Writes one of a list's {@code size} elements. A list that starts with an Integer, the common
   * case, gets room for as many as it holds at once; they are written unchecked for as long as
   * nothing else is written. Returns whether that room still holds.
   */
  private boolean writeElement(Object element, boolean first, int size, boolean flagged,
      boolean roomForIntegers) {
    if (flagged) {
      out.writeByte(element == null ? 0 : 1);
      if (element == null) {
        return false;
      }
    } else if (element == null) {
      throw new IllegalStateException("a list changed while it was written");
    } else if (first && element instanceof Integer) {
      ensure(out.writerIndex() + (long) MAX_VARINT32 * size + VARINT_ROOM);
      roomForIntegers = true;
    }
    if (roomForIntegers && element instanceof Integer number) {
      out._unsafeWriteVarInt32(number);
      return true;
    }
    writeValue(element);
    return false;
  }

  private void writeValue(Object element) {
    if (element instanceof Integer || element instanceof Short || element instanceof Byte) {
      out.writeVarInt32(((Number) element).intValue());
    } else if (element instanceof Long number) {
      out.writeVarInt64(number);
    } else if (element instanceof String string) {
      writing.writeString(string);
    } else {
      writing.writeNonRef(element, serializerOf(writing.getTypeResolver(), element.getClass()));
    }
  }

  /** Makes room in the buffer up to {@code end}, which a body never reaches near 2 GiB. */
  private void ensure(long end) {
    if (end > MAX_BUFFER) {
      throw new IllegalArgumentException(
          "a record's fields take more than " + MAX_BUFFER + " bytes, too many to write");
    }
    out.ensure((int) end);
  }

  /** Writes the tag, and makes room for {@code valueRoom} more bytes after it. */
  private void tag(int tag, int kind, int valueRoom) {
    if ((tag & KIND_BITS) != kind || (tag & ~KIND_BITS) == 0) {
      throw new IllegalArgumentException(String.format(
          "tag 0x%08x is not one of a field of kind %d", tag, kind));
    }
    int at = out.writerIndex();
    ensure((long) at + Integer.BYTES + valueRoom);
    out._unsafePutInt32(at, tag);
    out._unsafeWriterIndex(at + Integer.BYTES);
  }

  @Override
  public int nextField() {
    field = in.readInt32();
    return field;
  }

  @Override
  public boolean readBoolean() {
    return narrow(in.readVarInt64(), 0, 1, "boolean") == 1;
  }

  @Override
  public byte readByte() {
    return (byte) narrow(in.readVarInt64(), Byte.MIN_VALUE, Byte.MAX_VALUE, "byte");
  }

  @Override
  public short readShort() {
    return (short) narrow(in.readVarInt64(), Short.MIN_VALUE, Short.MAX_VALUE, "short");
  }

  @Override
  public char readChar() {
    return (char) narrow(in.readVarInt64(), Character.MIN_VALUE, Character.MAX_VALUE, "char");
  }

  @Override
  public int readInt() {
    return (int) narrow(in.readVarInt64(), Integer.MIN_VALUE, Integer.MAX_VALUE, "int");
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
    boolean exact = (field & KIND_BITS) == EXACT;
    int end = objectEnd();
    Object value = exact
        ? reading.readNonRef(serializerOf(reading.getTypeResolver(), type))
        : reading.readRef();
    if (in.readerIndex() != end) {
      throw new IllegalArgumentException("a record's field is not as long as it says");
    }
    if (!exact && value != null && !type.isInstance(value)) {
      throw new IllegalArgumentException("a record's field of type " + type.getName()
          + " holds a " + value.getClass().getName());
    }
    return (T) value;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <E> List<E> readList(Class<E> element) {
    int end = objectEnd();
    int size = in.readVarUInt32();
    if (size < 0 || size > end - in.readerIndex()) {
      throw new IllegalArgumentException("a record's list says it holds " + (size & 0xffffffffL)
          + " elements in " + (end - in.readerIndex()) + " bytes");
    }
    byte nulls = in.readByte();
    if (nulls != NO_NULLS && nulls != WITH_NULLS) {
      throw new IllegalArgumentException("a record's list is flagged " + nulls);
    }
    // the array, and a box for each element: Fory's budget for what one message may build
    reading.reserveGraphMemory(16L + 20L * size);
    List<Object> list = new ArrayList<>(size);
    if (nulls == WITH_NULLS) {
      for (int i = 0; i < size; i++) {
        list.add(present() ? readElement(element) : null);
      }
    } else if (element == Integer.class) {
      for (int i = 0; i < size; i++) {
        list.add(readInt());
      }
    } else {
      for (int i = 0; i < size; i++) {
        list.add(readElement(element));
      }
    }
    if (in.readerIndex() != end) {
      throw new IllegalArgumentException("a record's list is not as long as it says");
    }
    return (List<E>) list;
  }

  private boolean present() {
    byte present = in.readByte();
    if (present != 0 && present != 1) {
      throw new IllegalArgumentException("a record's list has an element flagged " + present);
    }
    return present == 1;
  }

  private Object readElement(Class<?> element) {
    if (element == Integer.class) {
      return readInt();
    } else if (element == Long.class) {
      return readLong();
    } else if (element == Short.class) {
      return readShort();
    } else if (element == Byte.class) {
      return readByte();
    } else if (element == String.class) {
      return reading.readString();
    }
    return reading.readNonRef(serializerOf(reading.getTypeResolver(), element));
  }

  @Override
  public void skip(int tag) {
    switch (tag & KIND_BITS) {
      case INTEGRAL -> in.readVarInt64();
      case FLOAT -> skipBytes(Float.BYTES);
      case DOUBLE -> skipBytes(Double.BYTES);
      case STRING -> reading.readString();
      case OBJECT, EXACT, LIST -> in.readerIndex(objectEnd());
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

  private static long narrow(long value, long min, long max, String type) {
    if (value < min || value > max) {
      throw outOfRange(type, value);
    }
    return value;
  }

  /**
   * Fory's serializer of {@code type}, from a few kept at hand: records hold few classes written
   * without their type, and looking each up in Fory's table took a tenth of a page's decoding.
   */
  @SuppressWarnings("unchecked")
  private Serializer<Object> serializerOf(TypeResolver types, Class<?> type) {
    for (int i = 0; i < KEPT_SERIALIZERS; i++) {
      if (keptTypes[i] == type) {
        return keptSerializers[i];
      }
    }
    Serializer<Object> serializer = (Serializer<Object>) types.getSerializer(type);
    keptTypes[nextKept] = type;
    keptSerializers[nextKept] = serializer;
    nextKept = (nextKept + 1) % KEPT_SERIALIZERS;
    return serializer;
  }

  private static IllegalArgumentException outOfRange(String type, long value) {
    return new IllegalArgumentException(
        "a record's " + type + " field holds " + value + ", out of its range");
  }
}
