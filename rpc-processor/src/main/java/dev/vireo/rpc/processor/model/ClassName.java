package dev.vireo.rpc.processor.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;

/**
 * The name of a class or interface: its package and its simple names from the top-level type
 * inward, e.g. {@code java.util} and {@code [Map, Entry]}.
 *
 * @param packageName the package, empty for the unnamed package
 * @param simpleNames the top-level type's simple name first, then each nested type's
 */
public record ClassName(String packageName, List<String> simpleNames) {

  public ClassName {
    simpleNames = List.copyOf(simpleNames);
    if (simpleNames.isEmpty()) {
      throw new IllegalArgumentException("a class name needs a simple name");
    }
  }

  /** A top-level type. */
  public static ClassName of(String packageName, String simpleName) {
    return new ClassName(packageName, List.of(simpleName));
  }

  /** The name of a type the compiler knows. */
  public static ClassName of(TypeElement type) {
    List<String> names = new ArrayList<>();
    Element element = type;
    while (element.getKind() != ElementKind.PACKAGE) {
      names.add(element.getSimpleName().toString());
      element = element.getEnclosingElement();
    }
    Collections.reverse(names);
    return new ClassName(((PackageElement) element).getQualifiedName().toString(), names);
  }

  /** The innermost simple name: {@code Entry}. */
  public String simpleName() {
    return simpleNames.get(simpleNames.size() - 1);
  }

  /** The simple name of the top-level type: {@code Map}. */
  public String topLevelSimpleName() {
    return simpleNames.get(0);
  }

  /** The name as source code writes it in full: {@code java.util.Map.Entry}. */
  public String canonicalName() {
    String nested = String.join(".", simpleNames);
    return packageName.isEmpty() ? nested : packageName + "." + nested;
  }

  /** The name {@code Class.forName} and {@code ServiceLoader} use: {@code java.util.Map$Entry}. */
  public String binaryName() {
    String nested = String.join("$", simpleNames);
    return packageName.isEmpty() ? nested : packageName + "." + nested;
  }
}
