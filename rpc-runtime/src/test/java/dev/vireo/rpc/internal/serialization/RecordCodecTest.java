package dev.vireo.rpc.internal.serialization;

import static com.google.common.truth.Truth.assertThat;
import static dev.vireo.rpc.internal.serialization.RecordTags.tag;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vireo.rpc.RpcException;
import dev.vireo.rpc.RpcStatus;
import dev.vireo.rpc.stub.RecordCodec;
import dev.vireo.rpc.stub.RecordReader;
import dev.vireo.rpc.stub.RecordWriter;
import dev.vireo.rpc.stub.ServiceDescriptor;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.LeakPresenceDetector;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedList;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Records that travel through the codecs the processor writes (the codecs here are written as it
 * writes them, less its shortcut for fields in the order written, which integration-tests'
 * RecordCodecsTest covers): field by field under tags, so that two versions of a record read
 * each other.
 */
class RecordCodecTest {
  record Person(String name, int age, List<String> nicknames) {}

  record Node(int value, Node next) {}

  record Visit(LocalDate day, List<Integer> rooms, List<String> guests, List<Node> nodes) {}

  private static final int NAME = tag("name", RecordWriter.STRING);
  private static final int AGE = tag("age", RecordWriter.INTEGRAL);
  private static final int NICKNAMES = tag("nicknames", RecordWriter.OBJECT);
  private static final int VALUE = tag("value", RecordWriter.INTEGRAL);
  private static final int NEXT = tag("next:" + Node.class.getName(), RecordWriter.EXACT);
  private static final int DAY = tag("day:java.time.LocalDate", RecordWriter.EXACT);
  private static final int ROOMS = tag("rooms:java.util.List<java.lang.Integer>", RecordWriter.LIST);
  private static final int GUESTS = tag("guests:java.util.List<java.lang.String>", RecordWriter.LIST);
  private static final int NODES =
      tag("nodes:java.util.List<" + Node.class.getName() + ">", RecordWriter.LIST);

  @AfterEach
  void everyBufferWasReleased() {
    LeakPresenceDetector.check();
  }

  @Test
  void aRecordReadsBackEqualWithItsNullComponentsLeftOut() {
    Serializer serializer = serializer(Person.class, new PersonCodec());

    assertThat(roundTrip(serializer, serializer, new Person("Ada", 36, List.of("Countess"))))
        .isEqualTo(new Person("Ada", 36, List.of("Countess")));
    assertThat(roundTrip(serializer, serializer, new Person(null, 0, null)))
        .isEqualTo(new Person(null, 0, null));
    assertThat(roundTrip(serializer, serializer, List.of(new Person("a", 1, null),
        new Person("b", 2, List.of()))))
        .isEqualTo(List.of(new Person("a", 1, null), new Person("b", 2, List.of())));
  }

  @Test
  void finalClassesAndListsOfThemTravelWithoutTheirTypes() {
    Serializer serializer = serializer(Visit.class, new VisitCodec(), Node.class, new NodeCodec());
    Visit visit = new Visit(LocalDate.of(2026, 11, 29),
        Arrays.asList(Integer.MIN_VALUE, -1, null, 0, Integer.MAX_VALUE),
        Arrays.asList("Ada", null, "Grace"), List.of(new Node(1, null), new Node(2, null)));

    assertThat(roundTrip(serializer, serializer, visit)).isEqualTo(visit);
    assertThat(roundTrip(serializer, serializer, new Visit(null, List.of(), null, null)))
        .isEqualTo(new Visit(null, List.of(), null, null));
    // lists with no nulls, of any kind; lists that are not RandomAccess, with nulls or without
    Visit full = new Visit(null, List.of(Integer.MIN_VALUE, -1, 0, 300, Integer.MAX_VALUE),
        new LinkedList<>(List.of("Ada", "Grace")), new LinkedList<>(List.of(new Node(3, null))));
    assertThat(roundTrip(serializer, serializer, full)).isEqualTo(full);
    Visit linked = new Visit(null, new LinkedList<>(Arrays.asList(1, null, 3)),
        new LinkedList<>(Arrays.asList(null, "Grace")), null);
    assertThat(roundTrip(serializer, serializer, linked)).isEqualTo(linked);
  }

  @Test
  void aListElementIsWrittenAsItsOwnClassAndReadAsTheReadersElementClass() {
    // a List<Integer> that holds a Long too (heap pollution): written, each element as what it is
    Serializer polluted = serializer(Visit.class, new VisitCodec() {
      @Override
      public void write(RecordWriter out, Visit value) {
        out.writeList(ROOMS, List.of(1, 2L, 3));
      }
    }, Node.class, new NodeCodec());

    assertThat(roundTrip(polluted, serializer(Visit.class, new VisitCodec(), Node.class,
        new NodeCodec()), new Visit(null, null, null, null)))
        .isEqualTo(new Visit(null, List.of(1, 2, 3), null, null));
  }

  @Test
  void aListElementFlaggedNeitherPresentNorNullIsRefused() {
    Serializer serializer = serializer(Visit.class, new VisitCodec(), Node.class, new NodeCodec());
    ByteBuf body = encode(serializer, new Visit(null, Arrays.asList(7, null), null, null));
    try {
      // the list's length, its count and its flag come before the first element's flag
      int firstElement = indexOf(body, ROOMS) + 2 * Integer.BYTES + 2;
      body.setByte(firstElement, 2);

      assertThat(decodeFailure(serializer, body)).contains("has an element flagged 2");
    } finally {
      body.release();
    }
  }

  @Test
  void aListFlaggedNeitherWithNorWithoutNullsIsRefused() {
    Serializer serializer = serializer(Visit.class, new VisitCodec(), Node.class, new NodeCodec());
    ByteBuf body = encode(serializer, new Visit(null, List.of(7), null, null));
    try {
      int flag = indexOf(body, ROOMS) + 2 * Integer.BYTES + 1;
      body.setByte(flag, 2);

      assertThat(decodeFailure(serializer, body)).contains("a record's list is flagged 2");
    } finally {
      body.release();
    }
  }

  @Test
  void aListElementOutOfTheReadersRangeIsRefused() {
    Serializer wider = serializer(Visit.class, new VisitCodec() {
      @Override
      public void write(RecordWriter out, Visit value) {
        out.writeList(ROOMS, List.of(1L << 40));
      }
    }, Node.class, new NodeCodec());

    assertThat(decodeFailure(serializer(Visit.class, new VisitCodec(), Node.class,
        new NodeCodec()), encode(wider, new Visit(null, null, null, null)), true))
        .contains("int field holds 1099511627776, out of its range");
  }

  @Test
  void aListThatClaimsMoreElementsThanItsBytesIsRefused() {
    Serializer serializer = serializer(Visit.class, new VisitCodec(), Node.class, new NodeCodec());
    ByteBuf body = encode(serializer, new Visit(null, List.of(7), null, null));
    try {
      int count = indexOf(body, ROOMS) + 2 * Integer.BYTES;
      body.setByte(count, 100);

      assertThat(decodeFailure(serializer, body)).contains("says it holds 100 elements");
    } finally {
      body.release();
    }
  }

  @Test
  void fieldsTheReaderDoesNotKnowAreSkippedAndMissingOnesLeftAtTheirDefaults() {
    // Another version of Person: no nicknames; an email, a score, a ratio, tags and a height
    // this version does not know; and age, once a string, now under another tag.
    Serializer other = serializer(Person.class, writing((out, person) -> {
      out.writeString(tag("email", RecordWriter.STRING), "ada@example.com");
      out.writeDouble(tag("score", RecordWriter.DOUBLE), 0.5);
      out.writeString(NAME, person.name());
      out.writeFloat(tag("ratio", RecordWriter.FLOAT), 1.5f);
      out.writeObject(tag("tags", RecordWriter.OBJECT), List.of("x", "y"));
      out.writeLong(tag("height", RecordWriter.INTEGRAL), Long.MIN_VALUE);
      out.writeString(tag("age", RecordWriter.STRING), "thirty-six");
    }));
    Serializer current = serializer(Person.class, new PersonCodec());

    assertThat(roundTrip(other, current, new Person("Ada", 36, List.of("Countess"))))
        .isEqualTo(new Person("Ada", 0, null));
  }

  @Test
  void anIntegralValueOutOfTheReadersRangeIsRefused() {
    Serializer wider = serializer(Person.class,
        writing((out, person) -> out.writeLong(AGE, 1L << 40)));

    assertThat(refusal(wider, new Person("Ada", 36, null)))
        .contains("int field holds 1099511627776, out of its range");
  }

  @Test
  void anObjectOfAnotherClassThanTheComponentsIsRefused() {
    Serializer other = serializer(Person.class,
        writing((out, person) -> out.writeObject(NICKNAMES, "not a list")));

    assertThat(refusal(other, new Person("Ada", 36, null)))
        .contains("field of type java.util.List holds a java.lang.String");
  }

  @Test
  void aTagOfNoKnownKindIsRefused() {
    Serializer serializer = serializer(Person.class, new PersonCodec());
    ByteBuf body = encode(serializer, new Person("Ada", 36, null));
    try {
      body.setIntLE(indexOf(body, AGE), AGE & ~7);

      assertThat(decodeFailure(serializer, body)).contains("has no known kind");
    } finally {
      body.release();
    }
  }

  @Test
  void aCodecGivenATagOfAnotherKindFailsToEncode() {
    Serializer wrong = serializer(Person.class,
        writing((out, person) -> out.writeString(AGE, "36")));

    BodyWriter writer = wrong.newWriter();
    writer.writeObject(new Person("Ada", 36, null));

    assertThat(writer.failure()).hasMessageThat().contains("is not one of a field of kind 4");
    writer.discard();
  }

  @Test
  void anObjectFieldLongerThanTheBodyIsRefused() {
    Serializer serializer = serializer(Person.class, new PersonCodec());
    ByteBuf body = encode(serializer, new Person("Ada", 36, List.of("Countess")));
    try {
      int at = indexOf(body, NICKNAMES) + Integer.BYTES;
      body.setIntLE(at, 1 << 20);

      assertThat(decodeFailure(serializer, body)).contains("says it holds 1048576 bytes");
    } finally {
      body.release();
    }
  }

  @Test
  void aRecordCutShortIsRefused() {
    Serializer serializer = serializer(Person.class, new PersonCodec());
    ByteBuf body = encode(serializer, new Person("Ada", 36, List.of("Countess")));
    try {
      ByteBuf cut = body.retainedSlice(0, indexOf(body, NICKNAMES) + 2);
      try {
        assertThat(decodeFailure(serializer, cut)).isNotEmpty();
      } finally {
        cut.release();
      }
    } finally {
      body.release();
    }
  }

  @Test
  void recordsNestedDeeperThanTheLimitAreRefused() {
    Serializer serializer = serializer(Node.class, new NodeCodec());
    Node shallow = chain(ForySerializer.MAX_DEPTH / 2);
    Node deep = chain(ForySerializer.MAX_DEPTH * 2);

    assertThat(roundTrip(serializer, serializer, shallow)).isEqualTo(shallow);
    ByteBuf body = encode(serializer, deep);
    try {
      assertThat(decodeFailure(serializer, body)).contains("depth");
    } finally {
      body.release();
    }
  }

  private static Node chain(int length) {
    Node node = null;
    for (int i = 0; i < length; i++) {
      node = new Node(i, node);
    }
    return node;
  }

  private static <T> Serializer serializer(Class<T> type, RecordCodec<T> codec) {
    WireTypes types = new WireTypes();
    types.addAll(ServiceDescriptor.builder("test").wireType(type, codec).build());
    return new ForySerializer(types);
  }

  private static <T, U> Serializer serializer(Class<T> type, RecordCodec<T> codec,
      Class<U> other, RecordCodec<U> otherCodec) {
    WireTypes types = new WireTypes();
    types.addAll(ServiceDescriptor.builder("test").wireType(type, codec)
        .wireType(other, otherCodec).wireType(LocalDate.class).build());
    return new ForySerializer(types);
  }

  /** A Person codec that writes what {@code fields} writes and reads as the current one. */
  private static RecordCodec<Person> writing(BiConsumer<RecordWriter, Person> fields) {
    return new PersonCodec() {
      @Override
      public void write(RecordWriter out, Person value) {
        fields.accept(out, value);
      }
    };
  }

  private static ByteBuf encode(Serializer serializer, Object value) {
    BodyWriter writer = serializer.newWriter();
    writer.writeObject(value);
    assertThat(writer.failure()).isNull();
    return writer.finish(PooledByteBufAllocator.DEFAULT);
  }

  private static Object roundTrip(Serializer from, Serializer to, Object value) {
    ByteBuf body = encode(from, value);
    BodyReader in = to.newReader(body);
    try {
      return in.readObject(Object.class);
    } finally {
      in.close();
      body.release();
    }
  }

  private static String refusal(Serializer from, Object value) {
    ByteBuf body = encode(from, value);
    try {
      return decodeFailure(serializer(Person.class, new PersonCodec()), body);
    } finally {
      body.release();
    }
  }

  private static String decodeFailure(Serializer serializer, ByteBuf body, boolean release) {
    try {
      return decodeFailure(serializer, body);
    } finally {
      if (release) {
        body.release();
      }
    }
  }

  private static String decodeFailure(Serializer serializer, ByteBuf body) {
    BodyReader in = serializer.newReader(body);
    try {
      RpcException refused = assertThrows(RpcException.class, () -> in.readObject(Object.class));
      assertThat(refused.status()).isEqualTo(RpcStatus.SERIALIZATION);
      return refused.getMessage();
    } finally {
      in.close();
    }
  }

  private static int indexOf(ByteBuf body, int tag) {
    for (int i = body.readerIndex(); i + Integer.BYTES <= body.writerIndex(); i++) {
      if (body.getIntLE(i) == tag) {
        return i;
      }
    }
    throw new AssertionError(String.format("no tag 0x%08x in the body", tag));
  }

  private static class PersonCodec implements RecordCodec<Person> {
    @Override
    public void write(RecordWriter out, Person value) {
      out.writeString(NAME, value.name());
      out.writeInt(AGE, value.age());
      out.writeObject(NICKNAMES, value.nicknames());
    }

    @Override
    public Person read(RecordReader in) {
      String name = null;
      int age = 0;
      List<String> nicknames = null;
      for (int tag = in.nextField(); tag != RecordReader.END; tag = in.nextField()) {
        if (tag == NAME) {
          name = in.readString();
        } else if (tag == AGE) {
          age = in.readInt();
        } else if (tag == NICKNAMES) {
          nicknames = in.readObject(List.class);
        } else {
          in.skip(tag);
        }
      }
      return new Person(name, age, nicknames);
    }
  }

  private static class VisitCodec implements RecordCodec<Visit> {
    @Override
    public void write(RecordWriter out, Visit value) {
      out.writeObject(DAY, value.day());
      out.writeList(ROOMS, value.rooms());
      out.writeList(GUESTS, value.guests());
      out.writeList(NODES, value.nodes());
    }

    @Override
    public Visit read(RecordReader in) {
      LocalDate day = null;
      List<Integer> rooms = null;
      List<String> guests = null;
      List<Node> nodes = null;
      for (int tag = in.nextField(); tag != RecordReader.END; tag = in.nextField()) {
        if (tag == DAY) {
          day = in.readObject(LocalDate.class);
        } else if (tag == ROOMS) {
          rooms = in.readList(Integer.class);
        } else if (tag == GUESTS) {
          guests = in.readList(String.class);
        } else if (tag == NODES) {
          nodes = in.readList(Node.class);
        } else {
          in.skip(tag);
        }
      }
      return new Visit(day, rooms, guests, nodes);
    }
  }

  private static final class NodeCodec implements RecordCodec<Node> {
    @Override
    public void write(RecordWriter out, Node value) {
      out.writeInt(VALUE, value.value());
      out.writeObject(NEXT, value.next());
    }

    @Override
    public Node read(RecordReader in) {
      int value = 0;
      Node next = null;
      for (int tag = in.nextField(); tag != RecordReader.END; tag = in.nextField()) {
        if (tag == VALUE) {
          value = in.readInt();
        } else if (tag == NEXT) {
          next = in.readObject(Node.class);
        } else {
          in.skip(tag);
        }
      }
      return new Node(value, next);
    }
  }
}
