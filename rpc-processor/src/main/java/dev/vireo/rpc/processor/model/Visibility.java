package dev.vireo.rpc.processor.model;

import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/** Whether code generated into a package can name a class. */
final class Visibility {
  private Visibility() {}

  /** Whether {@code type} and each class enclosing it are public. */
  static boolean isPublic(TypeElement type) {
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (!e.getModifiers().contains(Modifier.PUBLIC)) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code type} and each class enclosing it can be named from {@code fromPackage}. */
  static boolean isAccessible(TypeElement type, Elements elements, String fromPackage) {
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      Set<Modifier> modifiers = e.getModifiers();
      if (modifiers.contains(Modifier.PRIVATE)) {
        return false;
      }
      if (!modifiers.contains(Modifier.PUBLIC)
          && !elements.getPackageOf(e).getQualifiedName().contentEquals(fromPackage)) {
        return false;
      }
    }
    return true;
  }
}
