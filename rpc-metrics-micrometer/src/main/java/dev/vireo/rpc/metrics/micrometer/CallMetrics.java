package dev.vireo.rpc.metrics.micrometer;

import dev.vireo.rpc.CallInfo;
import dev.vireo.rpc.CallOutcome;
import dev.vireo.rpc.ClientInterceptor;
import dev.vireo.rpc.ServerInterceptor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The meters of one side, for every service and method it sees. Meters are looked up by the
 * strings the call already holds, in maps nested by service, method and status, so a call in the
 * steady state allocates nothing here.
 */
final class CallMetrics implements ClientInterceptor, ServerInterceptor {
  /**
   * The calls active, by registry and gauge, shared by every interceptor measuring into one
   * registry (several clients of one application, say): a registry keeps the first gauge of a
   * name and tags it is given, and would read only the first interceptor's count.
   */
  private static final Map<MeterRegistry, ConcurrentMap<List<String>, AtomicInteger>> ACTIVE =
      Collections.synchronizedMap(new WeakHashMap<>());

  private final MeterRegistry registry;
  private final String prefix;
  private final ConcurrentMap<String, ConcurrentMap<String, Method>> services =
      new ConcurrentHashMap<>();

  CallMetrics(MeterRegistry registry, String prefix) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.prefix = prefix;
  }

  @Override
  public void onStart(CallInfo call) {
    Method method = method(call);
    method.started.increment();
    method.active.incrementAndGet();
  }

  @Override
  public void onEnd(CallInfo call, CallOutcome outcome) {
    Method method = method(call);
    method.active.decrementAndGet();
    method.timer(outcome.statusName())
        .record(System.nanoTime() - call.startNanos(), TimeUnit.NANOSECONDS);
  }

  private Method method(CallInfo call) {
    return services.computeIfAbsent(call.service(), s -> new ConcurrentHashMap<>())
        .computeIfAbsent(call.method(), m -> new Method(call.service(), m));
  }

  /** The meters of one method. */
  private final class Method {
    private final String service;
    private final String name;
    final Counter started;
    final AtomicInteger active;
    private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();

    Method(String service, String name) {
      this.service = service;
      this.name = name;
      this.started = Counter.builder(prefix + ".calls.started")
          .description("Calls started")
          .tag("service", service).tag("method", name)
          .register(registry);
      this.active = ACTIVE.computeIfAbsent(registry, r -> new ConcurrentHashMap<>())
          .computeIfAbsent(List.of(prefix, service, name), key -> new AtomicInteger());
      // Held strongly: the interceptor that registered it may go while others still count.
      Gauge.builder(prefix + ".calls.active", active, AtomicInteger::get)
          .description("Calls started and not finished")
          .tag("service", service).tag("method", name)
          .strongReference(true)
          .register(registry);
    }

    Timer timer(String status) {
      return timers.computeIfAbsent(status, s -> Timer.builder(prefix + ".duration")
          .description("Calls from their start to their end")
          .tag("service", service).tag("method", name).tag("status", s)
          .publishPercentileHistogram()
          .register(registry));
    }
  }
}
