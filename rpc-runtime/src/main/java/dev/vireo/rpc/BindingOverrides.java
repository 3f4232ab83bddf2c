package dev.vireo.rpc;

import dev.vireo.rpc.stub.ServiceBinding;
import dev.vireo.rpc.stub.ServiceBindings;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The bindings a builder was given in place of the generated ones, by the interfaces they bind;
 * every other interface is bound by the code the processor generated. A builder fills one; what
 * it builds keeps a {@link #copy()}.
 */
final class BindingOverrides {
  private final Map<Class<?>, ServiceBinding<?>> byInterface = new HashMap<>();

  void add(ServiceBinding<?> binding) {
    Objects.requireNonNull(binding, "binding");
    byInterface.put(binding.serviceInterface(), binding);
    byInterface.put(binding.asyncInterface(), binding);
  }

  BindingOverrides copy() {
    BindingOverrides copy = new BindingOverrides();
    copy.byInterface.putAll(byInterface);
    return copy;
  }

  /** The binding for {@code type}: the one given for it, else the generated one. */
  ServiceBinding<?> of(Class<?> type) {
    ServiceBinding<?> given = byInterface.get(type);
    return given != null ? given : ServiceBindings.of(type);
  }
}
