package dev.vireo.rpc.it;

import static com.google.common.truth.Truth.assertThat;

import dev.vireo.rpc.it.services.Primitives;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;


/** Every primitive type, their arrays, boxes and strings cross the wire with their values intact. */
@ParameterizedClass
@EnumSource(Transport.class)
class PrimitivesTest {
  @Parameter Transport transport;

  private final Impl implementation = new Impl();
  private Loopback loopback;
  private Primitives primitives;

  @BeforeEach
  void start() {
    loopback = Loopback.start(transport, server -> server.export(Primitives.class, implementation));
    primitives = loopback.client.refer(Primitives.class);
  }

  @AfterEach
  void stop() {
    loopback.close();
  }

  @Test
  void booleansAndIntegralsKeepTheirValuesAtTheEdges() {
    assertThat(primitives.not(true)).isFalse();
    assertThat(primitives.not(false)).isTrue();
    assertThat(primitives.nextByte(Byte.MAX_VALUE)).isEqualTo(Byte.MIN_VALUE);
    assertThat(primitives.nextShort((short) -1)).isEqualTo((short) 0);
    assertThat(primitives.nextChar('\uffff')).isEqualTo('\u0000');
    assertThat(primitives.nextChar('a')).isEqualTo('b');
    assertThat(primitives.nextInt(Integer.MAX_VALUE)).isEqualTo(Integer.MIN_VALUE);
    assertThat(primitives.nextInt(-2)).isEqualTo(-1);
    assertThat(primitives.nextLong(Long.MAX_VALUE)).isEqualTo(Long.MIN_VALUE);
    assertThat(primitives.nextLong(0x1234_5678_9abcL)).isEqualTo(0x1234_5678_9abdL);
  }

  @Test
  void floatingPointOverloadsAreToldApart() {
    assertThat(primitives.half(3.0f)).isEqualTo(1.5f);
    assertThat(primitives.half(Double.MAX_VALUE)).isEqualTo(Double.MAX_VALUE / 2);
    assertThat(primitives.half(Float.NaN)).isNaN();
    assertThat(primitives.half(-0.0)).isEqualTo(-0.0);
  }

  @Test
  void stringsAndBoxesMayBeNull() {
    assertThat(primitives.echo(null)).isNull();
    assertThat(primitives.echo("")).isEmpty();
    assertThat(primitives.echo("héllo, 世界 🐦")).isEqualTo("héllo, 世界 🐦");
    assertThat(primitives.boxed(null)).isNull();
    assertThat(primitives.boxed(41)).isEqualTo(42);
  }

  @Test
  void manyParametersArriveInOrder() {
    assertThat(primitives.mixed(true, (byte) 1, (short) 2, 'c', 4, 5L, 6.5f, 7.25, "eight"))
        .isEqualTo("true 1 2 c 4 5 6.5 7.25 eight");
  }

  @Test
  void arraysOfEveryKindRoundTrip() {
    assertThat(primitives.sum(new int[] {1, 2, 3, -6, 100})).isEqualTo(100);
    assertThat(primitives.sum(new int[0])).isEqualTo(0);
    assertThat(primitives.reversed(new long[] {1, Long.MIN_VALUE, 3}))
        .asList().containsExactly(3L, Long.MIN_VALUE, 1L).inOrder();
    assertThat(primitives.bytes(new byte[] {0, -1, 127})).isEqualTo(new byte[] {0, -1, 127});
    assertThat(primitives.negated(new boolean[] {true, false}))
        .isEqualTo(new boolean[] {false, true});
    assertThat(primitives.upper("vireo".toCharArray())).isEqualTo("VIREO".toCharArray());
    assertThat(primitives.transposed(new double[][] {{1, 2}, {3, 4}}))
        .isEqualTo(new double[][] {{1, 3}, {2, 4}});
    assertThat(primitives.echoAll("a", null, "c")).asList().containsExactly("a", null, "c")
        .inOrder();
    assertThat(primitives.bytes(null)).isNull();
    assertThat(primitives.filled(3, (byte) 7)).isEqualTo(new byte[] {7, 7, 7});
  }

  @Test
  void aVoidMethodRunsOnTheServerAndReturnsNormally() {
    primitives.nothing();
    primitives.nothing();

    assertThat(implementation.nothings.get()).isEqualTo(2);
  }

  static final class Impl implements Primitives {
    final AtomicInteger nothings = new AtomicInteger();

    @Override
    public boolean not(boolean value) {
      return !value;
    }

    @Override
    public byte nextByte(byte value) {
      return (byte) (value + 1);
    }

    @Override
    public short nextShort(short value) {
      return (short) (value + 1);
    }

    @Override
    public char nextChar(char value) {
      return (char) (value + 1);
    }

    @Override
    public int nextInt(int value) {
      return value + 1;
    }

    @Override
    public long nextLong(long value) {
      return value + 1;
    }

    @Override
    public float half(float value) {
      return value / 2;
    }

    @Override
    public double half(double value) {
      return value / 2;
    }

    @Override
    public String echo(String value) {
      return value;
    }

    @Override
    public Integer boxed(Integer value) {
      return value == null ? null : value + 1;
    }

    @Override
    public String mixed(boolean z, byte b, short s, char c, int i, long j, float f, double d,
        String text) {
      return z + " " + b + " " + s + " " + c + " " + i + " " + j + " " + f + " " + d + " " + text;
    }

    @Override
    public int sum(int[] values) {
      int sum = 0;
      for (int value : values) {
        sum += value;
      }
      return sum;
    }

    @Override
    public long[] reversed(long[] values) {
      long[] reversed = new long[values.length];
      for (int i = 0; i < values.length; i++) {
        reversed[i] = values[values.length - 1 - i];
      }
      return reversed;
    }

    @Override
    public byte[] bytes(byte[] values) {
      return values;
    }

    @Override
    public byte[] filled(int size, byte value) {
      byte[] filled = new byte[size];
      Arrays.fill(filled, value);
      return filled;
    }

    @Override
    public boolean[] negated(boolean[] values) {
      boolean[] negated = new boolean[values.length];
      for (int i = 0; i < values.length; i++) {
        negated[i] = !values[i];
      }
      return negated;
    }

    @Override
    public char[] upper(char[] values) {
      return new String(values).toUpperCase(Locale.ROOT).toCharArray();
    }

    @Override
    public double[][] transposed(double[][] matrix) {
      double[][] result = new double[matrix[0].length][matrix.length];
      for (int i = 0; i < matrix.length; i++) {
        for (int j = 0; j < matrix[i].length; j++) {
          result[j][i] = matrix[i][j];
        }
      }
      return result;
    }

    @Override
    public String[] echoAll(String... values) {
      return values;
    }

    @Override
    public void nothing() {
      nothings.incrementAndGet();
    }
  }
}
