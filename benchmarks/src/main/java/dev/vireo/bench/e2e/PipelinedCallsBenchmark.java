package dev.vireo.bench.e2e;

import dev.vireo.bench.BenchmarkDefaults;
import dev.vireo.bench.server.ServerLauncher;
import dev.vireo.bench.workload.User;
import dev.vireo.bench.workload.UserServiceAsync;
import dev.vireo.bench.workload.Users;
import dev.vireo.rpc.RpcClient;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * One caller thread keeping {@link #inFlight} asynchronous calls in flight on one connection, as
 * a caller of {@code UserServiceAsync} would: each operation waits for a free place in the window
 * (a semaphore), starts a call and returns; the call's completion frees its place. In steady state
 * calls start exactly as fast as they complete, so operations per second are calls per second,
 * comparable with {@link UserServiceBenchmark}'s 32 blocking callers on the same servers. A call
 * that fails fails the trial at its end.
 */
@State(Scope.Benchmark)
@Threads(1)
public class PipelinedCallsBenchmark extends BenchmarkDefaults {
  @Param({"vireo", "vireo-direct"})
  public String system;

  @Param("128")
  public int inFlight;

  private ServerLauncher server;
  private RpcClient client;
  private UserServiceAsync users;
  private Semaphore window;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final User user = Users.user(1);
  private BiConsumer<Object, Throwable> done;

  @Setup
  public void connect() {
    server = ServerLauncher.start(system);
    client = RpcClient.builder().address("127.0.0.1", server.port()).ioThreads(1)
        .timeout(Duration.ofSeconds(30)).build();
    users = client.refer(UserServiceAsync.class);
    window = new Semaphore(inFlight);
    done = (result, thrown) -> {
      if (thrown != null) {
        failure.compareAndSet(null, thrown);
      }
      window.release();
    };
  }

  @TearDown
  public void disconnect() throws InterruptedException {
    boolean drained = window.tryAcquire(inFlight, 30, TimeUnit.SECONDS);
    client.close();
    server.close();
    if (failure.get() != null) {
      throw new IllegalStateException("a pipelined call failed", failure.get());
    }
    if (!drained) {
      throw new IllegalStateException("calls were still in flight 30 s after the trial");
    }
  }

  @Benchmark
  public void existUser() throws InterruptedException {
    window.acquire();
    users.existUser(Users.EMAIL).whenComplete(done);
  }

  @Benchmark
  public void createUser() throws InterruptedException {
    window.acquire();
    users.createUser(user).whenComplete(done);
  }

  @Benchmark
  public void getUser() throws InterruptedException {
    window.acquire();
    users.getUser(1).whenComplete(done);
  }

  @Benchmark
  public void listUser() throws InterruptedException {
    window.acquire();
    users.listUser(1).whenComplete(done);
  }
}
