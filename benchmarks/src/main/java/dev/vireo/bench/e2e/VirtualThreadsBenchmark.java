package dev.vireo.bench.e2e;

import dev.vireo.bench.BenchmarkDefaults;
import dev.vireo.bench.workload.User;
import dev.vireo.bench.workload.UserService;
import dev.vireo.bench.workload.UserServiceImpl;
import dev.vireo.rpc.ExportOptions;
import dev.vireo.rpc.RpcClient;
import dev.vireo.rpc.RpcServer;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What a call costs when every call comes from a virtual thread of its own, against calls from
 * one reused pool thread; run with {@code -prof gc} on JDK 21 or later and compare {@code
 * gc.alloc.rate.norm}. Each way is measured twice, with the call ({@code call*}) and with an empty
 * task ({@code empty*}): the difference is what the call itself allocates, with the thread's own
 * cost taken out. The call is {@code getUser} through the in-process transport. With a direct
 * export ({@code export=direct}) the server's side of the call runs on the calling thread too;
 * with the default one ({@code pooled}) it runs on the server's pool, so the difference between
 * the two kinds of caller is the client's side alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class VirtualThreadsBenchmark extends BenchmarkDefaults {
  @Param({"direct", "pooled"})
  public String export;

  private RpcServer server;
  private RpcClient client;
  private UserService users;
  private ExecutorService pool;
  /** What {@code waitOn*} wait for: a thread that answers at once. */
  private ExecutorService answerer;
  private ThreadFactory virtualThreads;

  @Setup
  public void start() throws Throwable {
    virtualThreads = virtualThreadFactory();
    server = RpcServer.builder().inProcess("virtual-threads").build();
    server.export(UserService.class, new UserServiceImpl(),
        ExportOptions.builder().direct(export.equals("direct")).build());
    server.start();
    client = RpcClient.builder().inProcess("virtual-threads").build();
    users = client.refer(UserService.class);
    pool = Executors.newSingleThreadExecutor();
    answerer = Executors.newSingleThreadExecutor();
  }

  @TearDown
  public void stop() {
    pool.shutdownNow();
    answerer.shutdownNow();
    client.close();
    server.close();
  }

  @Benchmark
  public User callFromPool() throws ExecutionException, InterruptedException {
    return pool.submit(() -> users.getUser(1)).get();
  }

  @Benchmark
  public Object emptyOnPool() throws ExecutionException, InterruptedException {
    return pool.submit(() -> Boolean.TRUE).get();
  }

  /**
   * A task that waits once for another thread, as a blocking caller waits for its reply: what
   * waiting alone costs each kind of thread, with no call (a virtual thread's stack is copied to
   * the heap while it waits).
   */
  @Benchmark
  public Object waitOnPool() throws ExecutionException, InterruptedException {
    return pool.submit(() -> answerer.submit(() -> Boolean.TRUE).get()).get();
  }

  @Benchmark
  public Object waitOnNewVirtualThread() throws InterruptedException {
    return onNewVirtualThread(() -> answerer.submit(() -> Boolean.TRUE).get());
  }

  @Benchmark
  public Object callFromNewVirtualThread() throws InterruptedException {
    return onNewVirtualThread(() -> users.getUser(1));
  }

  @Benchmark
  public Object emptyOnNewVirtualThread() throws InterruptedException {
    return onNewVirtualThread(() -> Boolean.TRUE);
  }

  /** Runs {@code task} on a new virtual thread and returns its result or throws its failure. */
  private Object onNewVirtualThread(Callable<Object> task) throws InterruptedException {
    Object[] result = new Object[1];
    Throwable[] failure = new Throwable[1];
    Thread thread = virtualThreads.newThread(() -> {
      try {
        result[0] = task.call();
      } catch (Throwable e) {
        failure[0] = e;
      }
    });
    thread.start();
    thread.join();
    if (failure[0] != null) {
      throw new IllegalStateException("the call failed on its virtual thread", failure[0]);
    }
    return result[0];
  }

  /**
   * {@code Thread.ofVirtual().factory()}, looked up at run time since the benchmarks compile for
   * Java 17.
   */
  private static ThreadFactory virtualThreadFactory() throws Throwable {
    Class<?> builder;
    try {
      builder = Class.forName("java.lang.Thread$Builder$OfVirtual");
    } catch (ClassNotFoundException e) {
      throw new UnsupportedOperationException(
          "virtual threads need JDK 21 or later; this is " + Runtime.version(), e);
    }
    MethodHandles.Lookup lookup = MethodHandles.publicLookup();
    Object ofVirtual = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(builder))
        .invoke();
    return (ThreadFactory) lookup.findVirtual(builder, "factory",
        MethodType.methodType(ThreadFactory.class)).invoke(ofVirtual);
  }
}
