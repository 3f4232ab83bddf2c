package dev.vireo.rpc.internal.serialization;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vireo.rpc.RpcException;
import dev.vireo.rpc.RpcStatus;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import io.netty.util.LeakPresenceDetector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The body encoding of serialization type 1, byte for byte, as docs/protocol.md states it. */
class BodyEncodingTest {
  record Point(int x, int y) {}

  record Unlisted(String name) {}

  private static final ByteBufAllocator ALLOCATOR = PooledByteBufAllocator.DEFAULT;

  @AfterEach
  void everyBufferWasReleased() {
    LeakPresenceDetector.check();
  }

  private final WireTypes types = new WireTypes();
  private final Serializer serializer = new ForySerializer(types);

  @Test
  void primitivesUseFixedLittleEndianOrZigzagVarints() {
    assertThat(hex(out -> out.writeBoolean(true))).isEqualTo("01");
    assertThat(hex(out -> out.writeByte((byte) -1))).isEqualTo("ff");
    assertThat(hex(out -> out.writeShort((short) 0x0102))).isEqualTo("0201");
    assertThat(hex(out -> out.writeChar('A'))).isEqualTo("4100");
    assertThat(hex(out -> out.writeInt(0))).isEqualTo("00");
    assertThat(hex(out -> out.writeInt(-1))).isEqualTo("01");
    assertThat(hex(out -> out.writeInt(150))).isEqualTo("ac02");
    assertThat(hex(out -> out.writeLong(1))).isEqualTo("02");
    assertThat(hex(out -> out.writeLong(Long.MIN_VALUE))).isEqualTo("ffffffffffffffffff");
    assertThat(hex(out -> out.writeFloat(1.0f))).isEqualTo("0000803f");
    assertThat(hex(out -> out.writeDouble(1.0))).isEqualTo("000000000000f03f");
  }

  @Test
  void stringsAreLengthPlusOneThenUtf8() {
    assertThat(hex(out -> out.writeString(null))).isEqualTo("00");
    assertThat(hex(out -> out.writeString(""))).isEqualTo("01");
    assertThat(hex(out -> out.writeString("hé"))).isEqualTo("0468c3a9");
  }

  @Test
  void aNullObjectIsForysHeaderAndNullFlag() {
    assertThat(hex(out -> out.writeObject(null))).isEqualTo("00fd");
  }

  @Test
  void valuesReadBackInOrderWithTheirTypes() {
    types.addAll(List.of(Point.class));
    ByteBuf body = encode(out -> {
      out.writeInt(Integer.MIN_VALUE);
      out.writeString("vireo");
      out.writeObject(new Point(3, -4));
      out.writeObject(List.of(new Point(1, 1)));
      out.writeDouble(Double.NaN);
    });
    try {
      BodyReader in = serializer.newReader(body);
      assertThat(in.readInt()).isEqualTo(Integer.MIN_VALUE);
      assertThat(in.readString()).isEqualTo("vireo");
      assertThat(in.<Point>readObject(Point.class)).isEqualTo(new Point(3, -4));
      assertThat(in.<List<Point>>readObject(List.class)).containsExactly(new Point(1, 1));
      assertThat(in.readDouble()).isNaN();
      assertThat(in.failed()).isFalse();
    } finally {
      body.release();
    }
  }

  @Test
  void aClassThatIsNotRegisteredIsNotEncoded() {
    BodyWriter writer = serializer.newWriter();
    writer.writeInt(1);
    writer.writeObject(new Unlisted("x"));
    writer.writeInt(2);

    assertThat(writer.failure()).isNotNull();
    assertThat(writer.failure()).hasMessageThat().contains(Unlisted.class.getName());
    assertThrows(IllegalStateException.class, () -> writer.finish(ALLOCATOR));
    writer.discard();
  }

  @Test
  void aClassTheReaderDidNotRegisterIsRefused() {
    WireTypes senderTypes = new WireTypes();
    senderTypes.addAll(List.of(Point.class));
    BodyWriter writer = new ForySerializer(senderTypes).newWriter();
    writer.writeObject(new Point(1, 2));
    ByteBuf body = writer.finish(ALLOCATOR);
    try {
      BodyReader in = serializer.newReader(body);

      RpcException refused = assertThrows(RpcException.class, () -> in.readObject(Object.class));

      assertThat(refused.status()).isEqualTo(RpcStatus.SERIALIZATION);
      assertThat(in.failed()).isTrue();
    } finally {
      body.release();
    }
  }

  @Test
  void aRegexPatternIsNotEncoded() {
    BodyWriter writer = serializer.newWriter();
    writer.writeObject(Pattern.compile("a+"));

    assertThat(writer.failure()).hasMessageThat().contains(Pattern.class.getName());
    writer.discard();
  }

  @Test
  void aRegexPatternFromAPeerIsRefusedNotCompiled() {
    // Pattern.compile("a+", Pattern.CANON_EQ) as Fory writes it: the regex, then the flags.
    ByteBuf body = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump("00ff9608612b80000000"));
    BodyReader in = serializer.newReader(body);

    RpcException refused = assertThrows(RpcException.class, () -> in.readObject(Object.class));

    assertThat(refused.status()).isEqualTo(RpcStatus.SERIALIZATION);
  }

  @Test
  void anExceptionIsNotEncodedAsAValue() {
    for (Throwable value : List.of(new Throwable("t"), new Exception("e"), new RuntimeException(),
        new java.io.IOException(), new IllegalArgumentException(), new IllegalStateException(),
        new NullPointerException(), new IndexOutOfBoundsException(),
        new ArrayIndexOutOfBoundsException(), new UnsupportedOperationException(),
        new AssertionError())) {
      BodyWriter writer = serializer.newWriter();
      writer.writeObject(List.of(value));

      assertThat(writer.failure()).hasMessageThat().contains(value.getClass().getName());
      writer.discard();
    }
  }

  @Test
  void anExceptionFromAPeerIsRefusedNotConstructed() {
    // A List of one java.lang.Throwable, no message, no stack trace, as Fory writes it.
    ByteBuf body = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump("00ff5a010887ff8900fdfd000000"));
    BodyReader in = serializer.newReader(body);

    RpcException refused = assertThrows(RpcException.class, () -> in.readObject(Object.class));

    assertThat(refused.status()).isEqualTo(RpcStatus.SERIALIZATION);
    assertThat(refused).hasMessageThat().contains("java.lang.Throwable is not accepted");
  }

  @Test
  void aTruncatedBodyFailsWithSerializationInsteadOfReadingGarbage() {
    ByteBuf body = encode(out -> out.writeString("a long enough string"));
    ByteBuf truncated = body.retainedSlice(0, 5);
    body.release();
    try {
      BodyReader in = serializer.newReader(truncated);

      RpcException thrown = assertThrows(RpcException.class, in::readString);

      assertThat(thrown.status()).isEqualTo(RpcStatus.SERIALIZATION);
      assertThat(in.failed()).isTrue();
      assertThrows(RpcException.class, in::readLong);
    } finally {
      truncated.release();
    }
  }

  @Test
  void typesAddedAfterTheFirstMessageAreAcceptedToo() {
    assertThat(hex(out -> out.writeInt(7))).isEqualTo("0e");
    types.addAll(List.of(Point.class));

    ByteBuf body = encode(out -> out.writeObject(new Point(5, 6)));
    try {
      assertThat(serializer.newReader(body).<Point>readObject(Point.class))
          .isEqualTo(new Point(5, 6));
    } finally {
      body.release();
    }
  }

  private ByteBuf encode(Consumer<BodyWriter> writes) {
    BodyWriter writer = serializer.newWriter();
    writes.accept(writer);
    assertThat(writer.failure()).isNull();
    return writer.finish(ALLOCATOR);
  }

  private String hex(Consumer<BodyWriter> writes) {
    ByteBuf body = encode(writes);
    try {
      return ByteBufUtil.hexDump(body);
    } finally {
      body.release();
    }
  }
}
