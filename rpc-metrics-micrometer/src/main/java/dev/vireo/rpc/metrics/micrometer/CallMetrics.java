package dev.vireo.rpc.metrics.micrometer;

import dev.vireo.rpc.CallInfo;
import dev.vireo.rpc.CallOutcome;
import dev.vireo.rpc.ClientInterceptor;
import dev.vireo.rpc.ServerInterceptor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;
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
    final AtomicInteger active = new AtomicInteger();
    private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();

    Method(String service, String name) {
      this.service = service;
      this.name = name;
      this.started = Counter.builder(prefix + ".calls.started")
          .description("Calls started")
          .tag("service", service).tag("method", name)
          .register(registry);
      Gauge.builder(prefix + ".calls.active", active, AtomicInteger::get)
          .description("Calls started and not finished")
          .tag("service", service).tag("method", name)
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
