package dev.vireo.bench.dispatch;

import dev.vireo.bench.BenchmarkDefaults;
import dev.vireo.bench.reflective.ReflectiveBinding;
import dev.vireo.bench.workload.Calculator;
import dev.vireo.bench.workload.User;
import dev.vireo.bench.workload.UserService;
import dev.vireo.bench.workload.UserServiceImpl;
import dev.vireo.bench.workload.Users;
import dev.vireo.rpc.stub.ServiceBindings;
import dev.vireo.rpc.stub.ServiceBinding;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Binding alone: a call through a stub to a dispatcher and the implementation, on one thread,
 * with no serialization and no I/O. {@code direct} calls the implementation itself; {@code
 * generated} goes through the code the processor wrote; {@code reflective} through a JDK proxy
 * and {@code Method.invoke}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DispatchBenchmark extends BenchmarkDefaults {
  @Param({"direct", "generated", "reflective"})
  public String binding;

  private UserService users;
  private Calculator calculator;
  private String email = Users.EMAIL;
  private long id = 1;
  private int a = 20;
  private int b = 22;
  private User user = Users.user(1);

  @Setup
  public void bind() {
    UserService userImpl = new UserServiceImpl();
    Calculator calculatorImpl = (x, y) -> x + y;
    switch (binding) {
      case "direct" -> {
        users = userImpl;
        calculator = calculatorImpl;
      }
      case "generated" -> {
        users = through(generated(UserService.class), userImpl);
        calculator = through(generated(Calculator.class), calculatorImpl);
      }
      case "reflective" -> {
        users = through(new ReflectiveBinding<>(UserService.class), userImpl);
        calculator = through(new ReflectiveBinding<>(Calculator.class), calculatorImpl);
      }
      default -> throw new IllegalArgumentException(binding);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> ServiceBinding<T> generated(Class<T> type) {
    return (ServiceBinding<T>) ServiceBindings.of(type);
  }

  private static <T> T through(ServiceBinding<T> binding, T implementation) {
    return binding.newStub(new SlotInvoker(binding.newDispatcher(implementation)));
  }

  @Benchmark
  public int add() {
    return calculator.add(a, b);
  }

  @Benchmark
  public boolean existUser() {
    return users.existUser(email);
  }

  @Benchmark
  public User getUser() {
    return users.getUser(id);
  }

  @Benchmark
  public boolean createUser() {
    return users.createUser(user);
  }
}
