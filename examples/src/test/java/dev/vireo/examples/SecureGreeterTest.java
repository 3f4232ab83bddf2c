package dev.vireo.examples;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/** The secure example serves its trusted client and refuses the two others before running. */
class SecureGreeterTest {
  @Test
  void onlyTheClientWithACertificateAndAValidTokenIsServed() throws Exception {
    assertThat(SecureGreeter.run()).containsExactly(
        "trusted client: Hello, Ada!",
        "wrong token: UNAUTHENTICATED, did not run: true",
        "no client certificate: UNAUTHENTICATED, did not run: true").inOrder();
  }
}
