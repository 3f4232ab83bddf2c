package dev.vireo.rpc.it;

import static com.google.common.truth.Truth.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vireo.rpc.CallInfo;
import dev.vireo.rpc.CallOutcome;
import dev.vireo.rpc.ExportOptions;
import dev.vireo.rpc.ServerInterceptor;
import dev.vireo.rpc.it.services.UserService;
import dev.vireo.rpc.it.services.UserServiceAsync;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Where the default export runs a method's calls: on the server's pool, or, once they have proved
 * short, on the I/O thread that received them, until one of them holds that thread too long.
 */
class CallPlacementTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  /** Fewer calls than any streak that brings a method back from the pool. */
  private static final int A_FEW = 20;
  private static final String POOL = "vireo-server-\\d+";
  private static final String IO_THREAD = "vireo-server-io-.*";
  /** What {@link #threadsOfCalls} writes for a pool thread. */
  private static final String POOL_THREAD = "a pool thread";

  private final StallingUsers implementation = new StallingUsers();

  @Test
  void aMethodWhoseCallsProveShortRunsThemWhereTheyAreReceived() {
    try (Loopback loopback = Loopback.start(Transport.TCP,
        server -> server.export(UserService.class, implementation))) {
      UserService users = loopback.client.refer(UserService.class);

      users.existUser("first@vireo.dev");
      assertThat(implementation.lastThread).matches(POOL);

      callUntilRunWhereReceived(users, implementation);
      // A few: a call held over 50 ms (a loaded machine's preemption) would send it back.
      assertThat(threadsOfCalls(users, 5)).containsExactly(IO_THREAD);
    }
  }

  @Test
  void aCallThatStallsTheReceivingThreadSendsItsMethodBackToThePool() {
    try (Loopback loopback = Loopback.start(Transport.TCP,
        server -> server.export(UserService.class, implementation))) {
      UserService users = loopback.client.refer(UserService.class);
      callUntilRunWhereReceived(users, implementation);

      // Calls of 5 ms, each far over what a short call takes where received: a few in a row
      // send the method back (one during a garbage collection does not count).
      implementation.stallMillis = 5;
      await().atMost(WAIT).pollInterval(Duration.ofMillis(1)).until(() ->
          users.existUser("a@vireo.dev") && implementation.lastThread.matches(POOL));
      implementation.stallMillis = 0;

      assertThat(threadsOfCalls(users, A_FEW)).containsExactly(POOL_THREAD);
    }
  }

  @Test
  void aCallThatWaitsOnTheReceivingThreadForWhatNeverComesIsInterrupted() {
    try (Loopback loopback = Loopback.start(Transport.TCP,
        server -> server.export(UserService.class, implementation))) {
      UserService users = loopback.client.refer(UserService.class);
      callUntilRunWhereReceived(users, implementation);
      // Waits for what a call read by the same I/O thread would bring, after this one.
      implementation.gate = new CountDownLatch(1);

      IllegalStateException thrown = assertThrows(IllegalStateException.class,
          () -> users.existUser("a@vireo.dev"));

      assertThat(thrown).hasMessageThat().contains("interrupted");
      implementation.gate = null;
      assertThat(threadsOfCalls(users, A_FEW)).containsExactly(POOL_THREAD);
    }
  }

  @Test
  void anInterruptedCallIsAnsweredWithItsInterruptCleared() throws Exception {
    List<Boolean> interruptedAtEnd = new CopyOnWriteArrayList<>();
    ServerInterceptor atEnd = new ServerInterceptor() {
      @Override
      public void onEnd(CallInfo call, CallOutcome outcome) {
        interruptedAtEnd.add(Thread.currentThread().isInterrupted());
      }
    };
    try (Loopback loopback = Loopback.start(Transport.TCP, server -> server.intercept(atEnd),
        server -> server.export(UserService.class, implementation), client -> { })) {
      UserService users = loopback.client.refer(UserService.class);
      callUntilRunWhereReceived(() -> users.touch(1).join(), implementation);
      // Waits, is interrupted, keeps the flag and returns a future complete already.
      implementation.gate = new CountDownLatch(1);

      users.touch(1).get(WAIT.toSeconds(), TimeUnit.SECONDS);

      assertThat(interruptedAtEnd.get(interruptedAtEnd.size() - 1)).isFalse();
    }
  }

  @Test
  void theServerClosesWhileACallThatIgnoresInterruptsHoldsAnIoThread() throws Exception {
    try (Loopback loopback = Loopback.start(Transport.TCP,
        server -> server.shutdownTimeout(Duration.ofSeconds(1)),
        server -> server.export(UserService.class, implementation), client -> { })) {
      UserService users = loopback.client.refer(UserService.class);
      callUntilRunWhereReceived(users, implementation);
      implementation.spin = true;
      loopback.client.refer(UserServiceAsync.class).existUser("a@vireo.dev");
      await().atMost(WAIT).until(() -> implementation.spinning);
      assertThat(implementation.lastThread).matches(IO_THREAD);

      try {
        CompletableFuture.runAsync(loopback.server::close).get(60, TimeUnit.SECONDS);
      } finally {
        implementation.spin = false;
      }
    }
  }

  @Test
  void inProcessEveryCallRunsOnThePoolNotOnTheCallersThread() {
    try (Loopback loopback = Loopback.start(Transport.IN_PROCESS,
        server -> server.export(UserService.class, implementation))) {
      UserService users = loopback.client.refer(UserService.class);

      // Far more than the calls of the other tests take to move: the caller's thread may be one
      // that must not block, and the call's wait could depend on another call of that thread.
      assertThat(threadsOfCalls(users, 5_000)).containsExactly(POOL_THREAD);
    }
  }

  @Test
  void aServiceDeclaredBlockingKeepsEveryCallOnThePool() {
    try (Loopback loopback = Loopback.start(Transport.TCP,
        server -> server.export(UserService.class, implementation,
            ExportOptions.builder().blocking(true).build()))) {
      UserService users = loopback.client.refer(UserService.class);
      // The same implementation exported again, not declared blocking: its calls prove short in
      // this many calls.
      StallingUsers yardstick = new StallingUsers();
      loopback.server.export(UserService.class, "yardstick", yardstick, ExportOptions.defaults());
      int calls = callUntilRunWhereReceived(
          loopback.client.refer(UserService.class, "yardstick"), yardstick);

      assertThat(threadsOfCalls(users, 2 * calls + A_FEW)).containsExactly(POOL_THREAD);
    }
  }

  /**
   * Calls {@code users.existUser} until a call runs on the thread that received it, and returns
   * how many calls that took; fails if none did within {@link #WAIT}.
   */
  private int callUntilRunWhereReceived(UserService users, StallingUsers implementation) {
    return callUntilRunWhereReceived(() -> users.existUser("a@vireo.dev"), implementation);
  }

  /** Makes {@code call} until one runs on the thread that received it; see above. */
  private int callUntilRunWhereReceived(Runnable call, StallingUsers implementation) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    int calls = 0;
    do {
      calls++;
      call.run();
      if (implementation.lastThread.matches(IO_THREAD)) {
        return calls;
      }
    } while (System.nanoTime() - deadline < 0);
    throw new AssertionError(calls + " calls in " + WAIT + " all ran on "
        + implementation.lastThread + ", none where received");
  }

  /** The distinct threads that many calls ran on, with pool threads named as one. */
  private List<String> threadsOfCalls(UserService users, int calls) {
    List<String> threads = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      users.existUser("a@vireo.dev");
      String thread = implementation.lastThread;
      if (thread.matches(POOL)) {
        thread = POOL_THREAD;
      } else if (thread.matches(IO_THREAD)) {
        thread = IO_THREAD;
      }
      if (!threads.contains(thread)) {
        threads.add(thread);
      }
    }
    return threads;
  }

  /** Records the thread of each {@code existUser} call, and sleeps in it when told to. */
  private static final class StallingUsers extends InMemoryUserService {
    volatile String lastThread = "";
    volatile long stallMillis;
    volatile CountDownLatch gate;
    /** While set, a call computes without end, deaf to interrupts. */
    volatile boolean spin;
    volatile boolean spinning;

    @Override
    public CompletableFuture<Void> touch(long id) {
      lastThread = Thread.currentThread().getName();
      waitAtGate(); // an interrupt is kept, and the future returned complete
      return super.touch(id);
    }

    /** Waits while a gate is set; false if interrupted meanwhile, with the flag set again. */
    private boolean waitAtGate() {
      CountDownLatch waitFor = gate;
      if (waitFor != null) {
        try {
          waitFor.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return true;
    }

    @Override
    public boolean existUser(String email) {
      lastThread = Thread.currentThread().getName();
      if (spin) {
        spinning = true;
        while (spin) {
          Thread.onSpinWait();
        }
        spinning = false;
      }
      if (!waitAtGate()) {
        throw new IllegalStateException("interrupted while waiting");
      }
      long stall = stallMillis;
      if (stall > 0) {
        try {
          TimeUnit.MILLISECONDS.sleep(stall);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return super.existUser(email);
    }
  }
}
