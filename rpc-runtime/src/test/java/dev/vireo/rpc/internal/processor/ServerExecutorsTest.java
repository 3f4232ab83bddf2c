package dev.vireo.rpc.internal.processor;

import static com.google.common.truth.Truth.assertThat;

import dev.vireo.rpc.ExportOptions;
import dev.vireo.rpc.stub.MethodDescriptor;
import dev.vireo.rpc.stub.ServiceDescriptor;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServerExecutorsTest {
  private static final ServiceDescriptor JOBS = ServiceDescriptor.builder("Jobs")
      .method(MethodDescriptor.builder("Jobs", "take()", 1).build())
      .method(MethodDescriptor.builder("Jobs", "put(long)", 2).build())
      .build();

  private final ServerExecutors executors = new ServerExecutors(4, 16);

  @AfterEach
  void stop() {
    executors.shutDown(10, TimeUnit.SECONDS);
  }

  @Test
  void theDefaultExportPlacesEachMethodStartingOnThePool() {
    var placements = executors.placements(JOBS, ExportOptions.defaults());

    assertThat(placements.keySet()).containsExactly(1, 2);
    assertThat(placements.get(1).whereReceived()).isFalse();
    assertThat(placements.get(1).toString()).isEqualTo("Jobs.take()");
  }

  @Test
  void aServiceThatChoseWhereItsCallsRunIsNeverMoved() {
    Executor mine = Runnable::run;
    for (ExportOptions options : new ExportOptions[] {
        ExportOptions.builder().blocking(true).build(),
        ExportOptions.builder().threads(2).build(),
        ExportOptions.builder().executor(mine).build(),
        ExportOptions.builder().direct(true).build()}) {
      assertThat(executors.placements(JOBS, options)).isNull();
    }
  }
}
