package dev.vireo.examples;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/** The example a newcomer runs first really runs, over TCP on 127.0.0.1. */
class HelloVireoTest {
  @Test
  void theExampleGreetsOverTcp() throws Exception {
    assertThat(HelloVireo.run()).isEqualTo("Hello, Ada!\n"
        + "Greeting[to=Grace, lines=[1. Hello, Grace, 2. Hello, Grace]]\n"
        + "Hello, Linus!");
  }
}
