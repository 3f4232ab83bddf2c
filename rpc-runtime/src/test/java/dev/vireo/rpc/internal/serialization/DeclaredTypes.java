package dev.vireo.rpc.internal.serialization;

import static com.google.common.truth.Truth.assertThat;

import dev.vireo.rpc.RpcException;
import dev.vireo.rpc.RpcStatus;
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
      in -> in.readObject(Instant.class), in -> in.readObject(Object.class));

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
    return types;
  }
}
