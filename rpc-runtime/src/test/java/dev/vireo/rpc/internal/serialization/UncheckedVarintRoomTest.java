package dev.vireo.rpc.internal.serialization;

import static com.google.common.truth.Truth.assertWithMessage;

import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.LongUnaryOperator;
import java.util.function.ToLongFunction;
import org.apache.fory.memory.MemoryBuffer;
import org.junit.jupiter.api.Test;

/**
 * A canary for a Fory upgrade: {@link RecordFields} writes integers with Fory's unchecked varint
 * writes after making {@link RecordFields#VARINT_ROOM} bytes of room, so no such write may touch
 * a byte past that room, whatever its value, and each must read back as written.
 */
class UncheckedVarintRoomTest {
  private static final byte UNTOUCHED = 0x5a;
  private static final int AT = 3;

  @Test
  void anUncheckedVarint64StaysInsideTheRoomMadeForIt() {
    for (long value : interestingValues(Long.SIZE)) {
      assertStaysInRoom(value, buffer -> buffer._unsafeWriteVarInt64(value),
          buffer -> buffer.readVarInt64());
    }
  }

  @Test
  void anUncheckedVarint32StaysInsideTheRoomMadeForIt() {
    for (long value : interestingValues(Integer.SIZE)) {
      assertStaysInRoom(value, buffer -> buffer._unsafeWriteVarInt32((int) value),
          buffer -> buffer.readVarInt32());
    }
  }

  /**
   * Writes {@code value} at {@link #AT} into a buffer that has room to spare, every byte of it
   * marked, and checks that the bytes past the room are still marked and the value reads back.
   */
  private static void assertStaysInRoom(long value, Consumer<MemoryBuffer> write,
      ToLongFunction<MemoryBuffer> read) {
    byte[] bytes = new byte[AT + RecordFields.VARINT_ROOM + 16];
    Arrays.fill(bytes, UNTOUCHED);
    MemoryBuffer buffer = MemoryBuffer.fromByteArray(bytes);
    buffer.writerIndex(AT);

    write.accept(buffer);

    for (int i = AT + RecordFields.VARINT_ROOM; i < bytes.length; i++) {
      assertWithMessage("byte %s after writing %s", i, value).that(bytes[i]).isEqualTo(UNTOUCHED);
    }
    for (int i = 0; i < AT; i++) {
      assertWithMessage("byte %s after writing %s", i, value).that(bytes[i]).isEqualTo(UNTOUCHED);
    }
    buffer.readerIndex(AT);
    assertWithMessage("read back").that(read.applyAsLong(buffer)).isEqualTo(value);
    assertWithMessage("bytes read after writing %s", value)
        .that(buffer.readerIndex()).isEqualTo(buffer.writerIndex());
  }

  /** Zero, both ends, and each power of two of {@code bits}, with its neighbours and negatives. */
  private static long[] interestingValues(int bits) {
    LongUnaryOperator fit = bits == Long.SIZE ? value -> value : value -> (int) value;
    long[] values = new long[6 * bits + 3];
    int n = 0;
    values[n++] = 0;
    long min = bits == Long.SIZE ? Long.MIN_VALUE : Integer.MIN_VALUE;
    values[n++] = min;
    values[n++] = -(min + 1);
    for (int shift = 0; shift < bits; shift++) {
      long power = 1L << shift;
      for (long value : new long[] {power - 1, power, power + 1}) {
        values[n++] = fit.applyAsLong(value);
        values[n++] = fit.applyAsLong(-value);
      }
    }
    return values;
  }
}
