package dev.vireo.examples;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/** The metrics example prints the meters of both sides, each call counted with its status. */
class MetricsExampleTest {
  @Test
  void bothSidesCountTheCallsByStatus() throws Exception {
    String printed = MetricsExample.run();

    assertThat(printed).contains("rpc.client.duration(TIMER)[method='greet(java.lang.String)',"
        + " service='examples.Greeter', status='OK']; count=5.0");
    assertThat(printed).contains("rpc.server.duration(TIMER)[method='greeting(java.lang.String,"
        + "int)', service='examples.Greeter', status='APPLICATION_ERROR']; count=1.0");
  }
}
