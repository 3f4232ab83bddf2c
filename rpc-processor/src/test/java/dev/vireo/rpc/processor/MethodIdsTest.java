package dev.vireo.rpc.processor;

import static com.google.common.truth.Truth.assertThat;

import dev.vireo.rpc.processor.model.ConstantNames;
import dev.vireo.rpc.processor.model.MethodIds;
import org.junit.jupiter.api.Test;

class MethodIdsTest {
  @Test
  void theIdIsTheFnv1a32HashOfTheSignature() {
    // Reference values of 32-bit FNV-1a, as published with the algorithm.
    assertThat(MethodIds.of("")).isEqualTo(0x811c9dc5);
    assertThat(MethodIds.of("a")).isEqualTo(0xe40c292c);
    assertThat(MethodIds.of("foobar")).isEqualTo(0xbf9cf968);
  }

  @Test
  void constantNamesAreUpperSnakeAndNeverCollide() {
    ConstantNames names = new ConstantNames();

    assertThat(names.prefixFor("getUser", null)).isEqualTo("GET_USER");
    assertThat(names.prefixFor("find", "STRING")).isEqualTo("FIND_STRING");
    assertThat(names.prefixFor("getUserId", null)).isEqualTo("GET_USER_ID_2");
    assertThat(names.prefixFor("descriptor", null)).isEqualTo("DESCRIPTOR_2");
    assertThat(ConstantNames.upperSnake("int[]")).isEqualTo("INT_ARRAY");
  }
}
