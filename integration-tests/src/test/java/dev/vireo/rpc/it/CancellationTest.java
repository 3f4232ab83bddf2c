package dev.vireo.rpc.it;

import static com.google.common.truth.Truth.assertThat;

import dev.vireo.rpc.ExportOptions;
import dev.vireo.rpc.it.services.Worker;
import dev.vireo.rpc.it.services.WorkerAsync;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A caller that gives up tells the server: a running implementation sees it through {@code
 * CallContext.isCancelled()}, and a call still queued never runs. (A call whose connection closed
 * is given up too: {@code HostilePeersTest}.)
 */
@ParameterizedClass
@EnumSource(Transport.class)
class CancellationTest {
  /** The tag under which the same worker answers on the I/O thread, past any queue. */
  private static final String AT_ONCE = "at-once";

  @Parameter Transport transport;

  private final HeldWorker worker = new HeldWorker();

  private Loopback start() {
    return Loopback.start(transport, server -> {
      server.export(Worker.class, worker, ExportOptions.builder().threads(1).build());
      server.export(Worker.class, AT_ONCE, worker, ExportOptions.builder().direct(true).build());
    });
  }

  @Test
  void cancellingAnAsyncCallTellsTheImplementationRunningIt() throws Exception {
    try (Loopback loopback = start()) {
      WorkerAsync async = loopback.client.refer(WorkerAsync.class);
      CompletableFuture<Boolean> job = async.work("a");
      assertThat(worker.nextEvent()).isEqualTo("started a");

      assertThat(job.cancel(true)).isTrue();

      assertThat(worker.nextEvent()).isEqualTo("cancelled a");
      assertThat(job.isCancelled()).isTrue();
    }
  }

  @Test
  void aQueuedCallWhoseCallerCancelledNeverRuns() throws Exception {
    try (Loopback loopback = start()) {
      WorkerAsync async = loopback.client.refer(WorkerAsync.class);
      Worker atOnce = loopback.client.refer(Worker.class, AT_ONCE);
      CompletableFuture<Boolean> running = async.work("a");
      assertThat(worker.nextEvent()).isEqualTo("started a");
      CompletableFuture<Boolean> queued = async.work("b");

      queued.cancel(true);
      // Answered by the I/O thread once it has read everything sent before: b and its cancel.
      assertThat(atOnce.ping(1)).isEqualTo(1);
      CompletableFuture<Boolean> next = async.work("c");
      worker.finish("a");

      assertThat(worker.nextEvent()).isEqualTo("finished a");
      assertThat(worker.nextEvent()).isEqualTo("started c");
      worker.finish("c");
      assertThat(next.get(10, TimeUnit.SECONDS)).isFalse();
      assertThat(running.get(10, TimeUnit.SECONDS)).isFalse();
      assertThat(worker.ran).containsExactly("a", "c").inOrder();
      assertThat(queued.isCancelled()).isTrue();
    }
  }

  @Test
  void aCallThatRanToTheEndIsNotCancelledAfterwards() throws Exception {
    try (Loopback loopback = start()) {
      WorkerAsync async = loopback.client.refer(WorkerAsync.class);
      CompletableFuture<Boolean> job = async.work("a");
      assertThat(worker.nextEvent()).isEqualTo("started a");
      worker.finish("a");

      assertThat(job.get(10, TimeUnit.SECONDS)).isFalse();
      assertThat(job.cancel(true)).isFalse();
      assertThat(worker.nextEvent()).isEqualTo("finished a");
    }
  }
}
