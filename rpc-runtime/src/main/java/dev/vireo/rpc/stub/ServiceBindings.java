package dev.vireo.rpc.stub;

import java.util.Iterator;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the binding the processor generated for an interface, through {@link ServiceLoader} in
 * the interface's own class loader; the answer is cached per interface.
 */
public final class ServiceBindings {
  private static final Logger log = LoggerFactory.getLogger(ServiceBindings.class);

  private static final ClassValue<Optional<ServiceBinding<?>>> BINDINGS = new ClassValue<>() {
    @Override
    protected Optional<ServiceBinding<?>> computeValue(Class<?> type) {
      return Optional.ofNullable(scan(type));
    }
  };

  private ServiceBindings() {}

  /**
   * The binding whose service interface or {@code XAsync} interface is {@code type}.
   *
   * @throws IllegalArgumentException if the processor generated none, saying how to fix that
   */
  public static ServiceBinding<?> of(Class<?> type) {
    return BINDINGS.get(type).orElseThrow(() -> new IllegalArgumentException(
        "No Vireo code was generated for " + type.getName() + ". Annotate the interface with"
            + " @dev.vireo.rpc.annotation.Remote and compile it with dev.vireo:rpc-processor on"
            + " the annotation processor path (Maven: maven-compiler-plugin's"
            + " <annotationProcessorPaths>; Gradle: the annotationProcessor configuration). Since"
            + " JDK 23 javac no longer runs processors it finds on the class path."));
  }

  private static ServiceBinding<?> scan(Class<?> type) {
    ClassLoader loader = type.getClassLoader();
    @SuppressWarnings("rawtypes")
    Iterator<ServiceBinding> bindings = ServiceLoader.load(ServiceBinding.class, loader).iterator();
    while (true) {
      ServiceBinding<?> binding;
      try {
        if (!bindings.hasNext()) {
          return null;
        }
        binding = bindings.next();
      } catch (ServiceConfigurationError stale) {
        // A services file may list a binding whose interface was since deleted; skip it.
        log.debug("skipping an unusable Vireo binding", stale);
        continue;
      }
      if (binding.serviceInterface() == type || binding.asyncInterface() == type) {
        return binding;
      }
    }
  }
}
