package dev.vireo.rpc.processor.model;

import javax.lang.model.element.TypeElement;

/**
 * Names of the types generated for a {@code @Remote} interface: {@code UserServiceVireo} and
 * {@code UserServiceAsync} beside {@code UserService}; a nested {@code Outer.Inner} gives {@code
 * Outer_InnerVireo} and {@code Outer_InnerAsync}.
 */
public final class GeneratedNames {
  private GeneratedNames() {}

  public static ClassName binding(TypeElement service) {
    return sibling(service, "Vireo");
  }

  public static ClassName async(TypeElement service) {
    return sibling(service, "Async");
  }

  private static ClassName sibling(TypeElement service, String suffix) {
    ClassName name = ClassName.of(service);
    return ClassName.of(name.packageName(), String.join("_", name.simpleNames()) + suffix);
  }
}
