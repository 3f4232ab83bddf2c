package dev.vireo.rpc.internal.serialization;

import static com.google.common.truth.Truth.assertThat;
import static dev.vireo.rpc.internal.serialization.RecordTags.tag;

import dev.vireo.rpc.RpcException;
import dev.vireo.rpc.RpcStatus;
import dev.vireo.rpc.stub.RecordCodec;
import dev.vireo.rpc.stub.RecordReader;
import dev.vireo.rpc.stub.RecordWriter;
import dev.vireo.rpc.stub.ServiceDescriptor;
import dev.vireo.rpc.stub.ValueReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Types a method may declare, read from bodies the way generated stubs and dispatchers read them:
 * primitives and strings with their own methods, anything else as one Fory object checked against
 * the declared type. The classes cover what Fory handles differently: records, a sealed hierarchy,
 * an enum, collections, maps, arrays, a recursive type, a JDK value type, and {@code Object}.
 */
public final class DeclaredTypes {
  record Point(int x, int y) {}

  enum Color { RED, GREEN }

  sealed interface Shape permits Circle, Square {}

  record Circle(double radius) implements Shape {}

  record Square(double side) implements Shape {}

  record Tree(String label, List<Tree> children) {}

  record User(long id, String name, List<String> tags, Map<String, Integer> scores, Point home,
      Color color, Shape shape, long[] history, Instant seen) {}

  /** A record that travels through a codec as the processor writes them: a field of each kind. */
  record Visit(boolean open, short floor, float rate, double cost, String note, Object extra,
      Instant seen, List<Integer> rooms, List<Instant> times) {}

  /** A serializer that accepts the classes above, as one that served or referred them would. */
  public static final Serializer SERIALIZER = new ForySerializer(registered());

  /** Saved inputs pick a type by its place here: add new ones at the end. */
  private static final List<Function<ValueReader, Object>> READS = List.of(
      ValueReader::readBoolean, ValueReader::readByte, ValueReader::readShort,
      ValueReader::readChar, ValueReader::readInt, ValueReader::readLong, ValueReader::readFloat,
      ValueReader::readDouble, ValueReader::readString,
      in -> in.readObject(Point.class), in -> in.readObject(Color.class),
      in -> in.readObject(Shape.class), in -> in.readObject(Tree.class),
      in -> in.readObject(User.class), in -> in.readObject(List.class),
      in -> in.readObject(Map.class), in -> in.readObject(int[].class),
      in -> in.readObject(Instant.class), in -> in.readObject(Object.class),
      in -> in.readObject(Visit.class));

  private DeclaredTypes() {}

  /**
   * Reads a value of one of the types (any {@code type} picks one) and checks what a reader
   * promises: a value, or an {@link RpcException} with status {@code SERIALIZATION}, rethrown,
   * after which the reader is failed. Anything else thrown fails the test.
   */
  public static Object read(ValueReader in, int type) {
    try {
      return READS.get(Math.floorMod(type, READS.size())).apply(in);
    } catch (RpcException undecodable) {
      assertThat(undecodable.status()).isEqualTo(RpcStatus.SERIALIZATION);
      assertThat(((BodyReader) in).failed()).isTrue();
      throw undecodable;
    }
  }

  private static WireTypes registered() {
    WireTypes types = new WireTypes();
    types.addAll(List.of(Point.class, Color.class, Circle.class, Square.class, Tree.class,
        User.class));
    types.addAll(ServiceDescriptor.builder("declared").wireType(Visit.class, new VisitCodec())
        .build());
    return types;
  }

  /** Visit's codec, with the tags the processor would give its components. */
  private static final class VisitCodec implements RecordCodec<Visit> {
    private static final int OPEN = tag("open", RecordWriter.INTEGRAL);
    private static final int FLOOR = tag("floor", RecordWriter.INTEGRAL);
    private static final int RATE = tag("rate", RecordWriter.FLOAT);
    private static final int COST = tag("cost", RecordWriter.DOUBLE);
    private static final int NOTE = tag("note", RecordWriter.STRING);
    private static final int EXTRA = tag("extra", RecordWriter.OBJECT);
    private static final int SEEN = tag("seen:java.time.Instant", RecordWriter.EXACT);
    private static final int ROOMS =
        tag("rooms:java.util.List<java.lang.Integer>", RecordWriter.LIST);
    private static final int TIMES =
        tag("times:java.util.List<java.time.Instant>", RecordWriter.LIST);

    @Override
    public void write(RecordWriter out, Visit value) {
      out.writeBoolean(OPEN, value.open());
      out.writeInt(FLOOR, value.floor());
      out.writeFloat(RATE, value.rate());
      out.writeDouble(COST, value.cost());
      out.writeString(NOTE, value.note());
      out.writeObject(EXTRA, value.extra());
      out.writeObject(SEEN, value.seen());
      out.writeList(ROOMS, value.rooms());
      out.writeList(TIMES, value.times());
    }

    @Override
    public Visit read(RecordReader in) {
      boolean open = false;
      short floor = 0;
      float rate = 0;
      double cost = 0;
      String note = null;
      Object extra = null;
      Instant seen = null;
      List<Integer> rooms = null;
      List<Instant> times = null;
      for (int tag = in.nextField(); tag != RecordReader.END; tag = in.nextField()) {
        if (tag == OPEN) {
          open = in.readBoolean();
        } else if (tag == FLOOR) {
          floor = in.readShort();
        } else if (tag == RATE) {
          rate = in.readFloat();
        } else if (tag == COST) {
          cost = in.readDouble();
        } else if (tag == NOTE) {
          note = in.readString();
        } else if (tag == EXTRA) {
          extra = in.readObject(Object.class);
        } else if (tag == SEEN) {
          seen = in.readObject(Instant.class);
        } else if (tag == ROOMS) {
          rooms = in.readList(Integer.class);
        } else if (tag == TIMES) {
          times = in.readList(Instant.class);
        } else {
          in.skip(tag);
        }
      }
      return new Visit(open, floor, rate, cost, note, extra, seen, rooms, times);
    }
  }
}
