package dev.vireo.rpc.internal.serialization;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireTypesTest {
  @Test
  void aTypeIdIsTheFnv1aHashOfTheBinaryName() {
    // FNV-1a 32 of "java.lang.Thread$State", computed by hand from the published algorithm.
    int expected = 0x811c9dc5;
    for (byte b : "java.lang.Thread$State".getBytes(StandardCharsets.UTF_8)) {
      expected = (expected ^ (b & 0xff)) * 0x01000193;
    }
    assertThat(WireTypes.idOf(Thread.State.class)).isEqualTo(expected);
  }

  @Test
  void registrationIsIndependentOfOrder() {
    WireTypes one = new WireTypes();
    one.addAll(List.of(Thread.State.class, DayOfWeek.class));
    WireTypes other = new WireTypes();
    other.addAll(List.of(DayOfWeek.class));
    other.addAll(List.of(Thread.State.class));

    assertThat(one.snapshot()).isEqualTo(other.snapshot());
  }

  @Test
  void addingKnownTypesKeepsTheSameSnapshot() {
    WireTypes types = new WireTypes();
    types.addAll(List.of(Thread.State.class));
    Object before = types.snapshot();

    types.addAll(List.of(Thread.State.class));

    assertThat(types.snapshot()).isSameInstanceAs(before);
  }

  @Test
  void arraysAndPrimitivesAreRefusedWithAHint() {
    WireTypes types = new WireTypes();

    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
        () -> types.addAll(List.of(String[].class)));

    assertThat(thrown).hasMessageThat().contains("register the element class");
  }
}
