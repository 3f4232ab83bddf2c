package dev.vireo.rpc.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vireo.rpc.CallContext;
import dev.vireo.rpc.ExportOptions;
import dev.vireo.rpc.it.services.ContextProbe;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The call context when a call is made, and served, on a virtual thread: a direct in-process
 * export runs the implementation on the caller's thread. On JDK 25 the runtime keeps a virtual
 * thread's served call in a {@code ScopedValue} (a class of its own in rpc-runtime's
 * multi-release jar, which these tests run on), on JDK 21 to 24 in thread locals as on a platform
 * thread; either way it keeps the same promises.
 */
class VirtualThreadsTest {
  private static ThreadFactory virtualThreads;

  /** Reads the context; some keys make it do more, as an implementation might. */
  static final class Probe implements ContextProbe {
    final AtomicReference<Thread> servedOn = new AtomicReference<>();
    volatile ContextProbe self;

    @Override
    public String attachment(String key) {
      servedOn.set(Thread.currentThread());
      if (key.equals("forward")) {
        try (CallContext.Scope scope =
            CallContext.withAttachments(Map.of("tenant", "forwarded"))) {
          return self.attachment("tenant");
        }
      }
      if (key.equals("left-open")) {
        CallContext.withAttachments(Map.of("left-open", "yes")); // and never closed
      }
      if (key.equals("inner")) {
        String attached;
        try (CallContext.Scope scope =
            CallContext.of(Long.MAX_VALUE, Map.of("inner", "attached")).attach()) {
          attached = CallContext.current().attachment("inner");
        }
        return attached + " then " + CallContext.current().attachment("inner");
      }
      return CallContext.current().attachment(key);
    }

    @Override
    public long remainingMillis() {
      return CallContext.current().remaining().toMillis();
    }

    @Override
    public long nestedRemainingMillis() {
      throw new UnsupportedOperationException();
    }
  }

  private final Probe implementation = new Probe();
  private Loopback loopback;
  private ContextProbe probe;

  @BeforeAll
  static void virtualThreadsExist() throws Throwable {
    assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21 or later");
    virtualThreads = virtualThreadFactory();
  }

  @BeforeEach
  void start() {
    loopback = Loopback.start(Transport.IN_PROCESS, server -> server.export(ContextProbe.class,
        implementation, ExportOptions.builder().direct(true).build()));
    probe = loopback.client.refer(ContextProbe.class);
    implementation.self = probe;
  }

  @AfterEach
  void stop() {
    loopback.close();
  }

  @Test
  void theImplementationRunsOnTheCallingVirtualThreadAndSeesTheCallersContext() throws Throwable {
    onNewVirtualThread(() -> {
      try (CallContext.Scope scope = CallContext.withAttachments(Map.of("tenant", "acme"))) {
        assertThat(probe.attachment("tenant")).isEqualTo("acme");
      }
      assertThat(implementation.servedOn.get()).isSameInstanceAs(Thread.currentThread());
      long remaining = probe.remainingMillis();
      assertThat(remaining).isGreaterThan(0L);
      assertThat(remaining).isAtMost(5_000L);
    });
  }

  @Test
  void afterTheCallTheThreadIsNoLongerServingIt() throws Throwable {
    onNewVirtualThread(() -> {
      try (CallContext.Scope scope = CallContext.withAttachments(Map.of("tenant", "acme"))) {
        probe.attachment("tenant");
      }

      assertThat(CallContext.current().hasDeadline()).isFalse();
      assertThat(CallContext.current().attachments()).isEmpty();
      assertThat(CallContext.outgoingAttachments()).isEmpty();
    });
  }

  @Test
  void attachmentsTheImplementationLeftOpenEndWithTheCall() throws Throwable {
    onNewVirtualThread(() -> {
      probe.attachment("left-open");

      assertThat(CallContext.outgoingAttachments()).isEmpty();
    });
  }

  @Test
  void attachmentsTheImplementationAddsGoWithTheCallsItMakes() throws Throwable {
    onNewVirtualThread(() -> {
      assertThat(probe.attachment("forward")).isEqualTo("forwarded");

      assertThat(CallContext.outgoingAttachments()).isEmpty();
    });
  }

  @Test
  void aContextTheImplementationAttachesWinsUntilItsScopeCloses() throws Throwable {
    onNewVirtualThread(() -> {
      try (CallContext.Scope scope = CallContext.withAttachments(Map.of("inner", "sent"))) {
        assertThat(probe.attachment("inner")).isEqualTo("attached then sent");
      }
    });
  }

  @Test
  void aContextTheThreadAttachedBeforeTheCallIsHiddenDuringItAndBackAfter() throws Throwable {
    onNewVirtualThread(() -> {
      try (CallContext.Scope outer =
          CallContext.of(Long.MAX_VALUE, Map.of("tenant", "outer")).attach()) {
        assertThat(probe.attachment("tenant")).isNull();

        assertThat(CallContext.current().attachment("tenant")).isEqualTo("outer");
      }
      assertThat(CallContext.current().attachments()).isEmpty();
    });
  }

  /** What a test runs on its virtual thread. */
  @FunctionalInterface
  interface Steps {
    void run() throws Throwable;
  }

  /** Runs {@code steps} on a new virtual thread, and rethrows what they threw. */
  private static void onNewVirtualThread(Steps steps) throws Throwable {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread = virtualThreads.newThread(() -> {
      try {
        steps.run();
      } catch (Throwable e) {
        failure.set(e);
      }
    });
    thread.start();
    thread.join();
    if (failure.get() != null) {
      throw failure.get();
    }
  }

  /** {@code Thread.ofVirtual().factory()}, looked up since the tests compile for Java 17. */
  private static ThreadFactory virtualThreadFactory() throws Throwable {
    Class<?> builder = Class.forName("java.lang.Thread$Builder$OfVirtual");
    MethodHandles.Lookup lookup = MethodHandles.publicLookup();
    Object ofVirtual = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(builder))
        .invoke();
    return (ThreadFactory) lookup.findVirtual(builder, "factory",
        MethodType.methodType(ThreadFactory.class)).invoke(ofVirtual);
  }
}
