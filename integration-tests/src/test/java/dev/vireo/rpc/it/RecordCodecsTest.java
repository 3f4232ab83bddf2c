package dev.vireo.rpc.it;

import static com.google.common.truth.Truth.assertThat;

import dev.vireo.rpc.it.services.User;
import dev.vireo.rpc.it.services.UserServiceVireo;
import dev.vireo.rpc.stub.RecordCodec;
import dev.vireo.rpc.stub.RecordReader;
import dev.vireo.rpc.stub.RecordWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The codecs the processor writes for records read the fields back whatever order they come in:
 * the order they were written (the usual case, read without a lookup), another order (a peer's
 * version of the record), with fields they do not know skipped and missing ones left at their
 * defaults.
 */
class RecordCodecsTest {
  private static final int UNKNOWN_STRING = 0x12345674;
  private static final int UNKNOWN_INTEGRAL = 0x7654321;

  @SuppressWarnings("unchecked")
  private final RecordCodec<User> codec =
      (RecordCodec<User>) UserServiceVireo.DESCRIPTOR.recordCodecs().get(User.class);
  private final User user = User.sample(7);

  @Test
  void fieldsInTheOrderTheyWereWrittenReadBack() {
    Fields fields = written(user);

    assertThat(codec.read(fields)).isEqualTo(user);
    assertThat(fields.skipped).isEmpty();
  }

  @Test
  void fieldsInReverseOrderReadBack() {
    Fields fields = written(user);
    Collections.reverse(fields.fields);

    assertThat(codec.read(fields)).isEqualTo(user);
  }

  @Test
  void fieldsInAnyOrderAmongUnknownOnesReadBackAndTheUnknownOnesAreSkipped() {
    for (int seed = 0; seed < 50; seed++) {
      Fields fields = written(user);
      fields.fields.add(new Field(UNKNOWN_STRING, "from a newer peer"));
      fields.fields.add(new Field(UNKNOWN_INTEGRAL, 42L));
      Collections.shuffle(fields.fields, new Random(seed));

      assertThat(codec.read(fields)).isEqualTo(user);
      assertThat(fields.skipped).containsExactly(UNKNOWN_STRING, UNKNOWN_INTEGRAL);
    }
  }

  @Test
  void missingFieldsAreLeftAtTheirDefaults() {
    Fields fields = written(user);
    Field id = fields.fields.remove(0);
    Field name = fields.fields.remove(0);
    fields.fields.add(new Field(UNKNOWN_STRING, "in between"));
    fields.fields.add(id);

    assertThat(codec.read(fields)).isEqualTo(new User(user.id(), null, user.sex(),
        user.birthday(), user.address(), user.permissions(), user.createTime()));
    assertThat(name.value()).isEqualTo(user.name());
  }

  @Test
  void aFieldSentTwiceTakesTheLaterValue() {
    Fields fields = written(user);
    fields.fields.add(1, new Field(fields.fields.get(0).tag(), 8L));
    fields.fields.add(new Field(fields.fields.get(2).tag(), "later"));

    assertThat(codec.read(fields)).isEqualTo(new User(8, "later", user.sex(), user.birthday(),
        user.address(), user.permissions(), user.createTime()));
  }

  private Fields written(User value) {
    Fields fields = new Fields();
    codec.write(fields, value);
    assertThat(fields.fields).hasSize(7);
    return fields;
  }

  private record Field(int tag, Object value) {}

  /** Keeps what a codec writes, and gives it back, in the order the list holds, when read. */
  private static final class Fields implements RecordWriter, RecordReader {
    final List<Field> fields = new ArrayList<>();
    final List<Integer> skipped = new ArrayList<>();
    private int next;

    @Override
    public void writeBoolean(int tag, boolean value) {
      fields.add(new Field(tag, value));
    }

    @Override
    public void writeInt(int tag, int value) {
      fields.add(new Field(tag, value));
    }

    @Override
    public void writeLong(int tag, long value) {
      fields.add(new Field(tag, value));
    }

    @Override
    public void writeFloat(int tag, float value) {
      fields.add(new Field(tag, value));
    }

    @Override
    public void writeDouble(int tag, double value) {
      fields.add(new Field(tag, value));
    }

    @Override
    public void writeString(int tag, String value) {
      fields.add(new Field(tag, value));
    }

    @Override
    public void writeObject(int tag, Object value) {
      fields.add(new Field(tag, value));
    }

    @Override
    public void writeList(int tag, List<?> value) {
      fields.add(new Field(tag, value));
    }

    @Override
    public int nextField() {
      return next < fields.size() ? fields.get(next++).tag() : END;
    }

    private Object value() {
      return fields.get(next - 1).value();
    }

    @Override
    public void skip(int tag) {
      assertThat(tag).isEqualTo(fields.get(next - 1).tag());
      skipped.add(tag);
    }

    @Override
    public boolean readBoolean() {
      return (Boolean) value();
    }

    @Override
    public byte readByte() {
      return ((Number) value()).byteValue();
    }

    @Override
    public short readShort() {
      return ((Number) value()).shortValue();
    }

    @Override
    public char readChar() {
      return (char) ((Number) value()).intValue();
    }

    @Override
    public int readInt() {
      return (Integer) value();
    }

    @Override
    public long readLong() {
      return (Long) value();
    }

    @Override
    public float readFloat() {
      return (Float) value();
    }

    @Override
    public double readDouble() {
      return (Double) value();
    }

    @Override
    public String readString() {
      return (String) value();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T readObject(Class<? super T> type) {
      return (T) type.cast(value());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <E> List<E> readList(Class<E> element) {
      return (List<E>) value();
    }
  }
}
