package dev.vireo.rpc.processor.model;

import dev.vireo.rpc.processor.validation.Message;
import dev.vireo.rpc.processor.validation.Report;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Walks the types a service's calls carry (parameters, results, the fields those reach, type
 * arguments, permitted subclasses of sealed types) and collects every concrete class the
 * serializer must accept. Types that can never travel (functions, threads, open resources) are
 * reported on the method or parameter that mentions them.
 */
public final class WireTypeCollector {
  private final Types types;
  private final Elements elements;
  private final Report report;
  private final String servicePackage;
  private final TravelRules rules;
  private final Map<String, TypeMirror> collected = new LinkedHashMap<>();
  private final Set<String> visited = new HashSet<>();
  /** The first type met that does not exist yet (another processor may write it), or null. */
  private String unresolved;
  /**
   * Classes whose fields and permitted subclasses were walked, by erasure. Once is enough: another
   * parameterization reaches the same classes but for its type arguments, which are walked on
   * their own; and a class whose field nests its own type argument ({@code Tree<List<T>>}) has
   * no end of parameterizations.
   */
  private final Set<String> membersWalked = new HashSet<>();

  WireTypeCollector(Types types, Elements elements, TravelRules rules, Report report,
      String servicePackage) {
    this.types = types;
    this.elements = elements;
    this.report = report;
    this.servicePackage = servicePackage;
    this.rules = rules;
  }

  /**
   * Collects {@code type} and what it reaches.
   *
   * @param role what carries the type, for messages: {@code parameter 'id'}, {@code the result}
   * @param method the method's signature, for messages
   * @param reportOn the element an error is attached to
   */
  public void collect(TypeMirror type, String role, String method, Element reportOn) {
    walk(type, new Origin(role, method, reportOn), "");
  }

  /** The first type reached that does not exist yet, with the fields it was reached through. */
  public String unresolved() {
    return unresolved;
  }

  /** The concrete classes collected, in the order first reached. */
  public List<TypeMirror> wireTypes() {
    return new ArrayList<>(collected.values());
  }

  private record Origin(String role, String method, Element reportOn) {}

  private void walk(TypeMirror type, Origin origin, String via) {
    switch (type.getKind()) {
      case ARRAY -> walk(((ArrayType) type).getComponentType(), origin, via);
      case DECLARED -> walkDeclared((DeclaredType) type, origin, via);
      case TYPEVAR -> walkOnce(((TypeVariable) type).getUpperBound(), origin, via);
      case ERROR -> {
        if (unresolved == null) {
          unresolved = type + (via.isEmpty() ? "" : " (through " + via + ")");
        }
      }
      case WILDCARD -> {
        WildcardType wildcard = (WildcardType) type;
        if (wildcard.getExtendsBound() != null) {
          walk(wildcard.getExtendsBound(), origin, via);
        }
        if (wildcard.getSuperBound() != null) {
          walk(wildcard.getSuperBound(), origin, via);
        }
      }
      case INTERSECTION -> {
        for (TypeMirror bound : ((IntersectionType) type).getBounds()) {
          walk(bound, origin, via);
        }
      }
      default -> {
        // primitives and void carry nothing to register
      }
    }
  }

  private void walkOnce(TypeMirror type, Origin origin, String via) {
    if (visited.add(type.toString())) {
      walk(type, origin, via);
    }
  }

  private void walkDeclared(DeclaredType type, Origin origin, String via) {
    TypeElement element = (TypeElement) type.asElement();
    String reason = rules.whyCannotTravel(element);
    if (reason != null) {
      String shown = types.erasure(type).toString() + (via.isEmpty() ? "" : " (through " + via + ")");
      report.add(
          Message.UNSERIALIZABLE_TYPE, origin.reportOn(), origin.role(), origin.method(), shown,
          reason);
      return;
    }
    if (!visited.add(type.toString())) {
      return;
    }
    for (TypeMirror argument : type.getTypeArguments()) {
      walk(argument, origin, via);
    }
    String name = element.getQualifiedName().toString();
    if (isBuiltIn(name)) {
      return;
    }
    boolean jdk = name.startsWith("java.") || name.startsWith("javax.");
    // An enum whose constants have bodies is abstract and sealed in its class file (not while
    // its source compiles), permitting the constants' anonymous classes: its values travel as
    // the enum, and those classes are not walked.
    boolean isEnum = element.getKind() == ElementKind.ENUM;
    boolean concrete = isEnum || !element.getModifiers().contains(Modifier.ABSTRACT)
        && element.getKind() != ElementKind.INTERFACE;
    if (concrete) {
      if (!jdk && !Visibility.isAccessible(element, elements, servicePackage)) {
        report.add(
            Message.INACCESSIBLE_TYPE, origin.reportOn(), origin.role(), origin.method(), name,
            servicePackage);
        return;
      }
      collected.putIfAbsent(types.erasure(type).toString(), types.erasure(type));
    }
    if (jdk || !membersWalked.add(name)) {
      return;
    }
    if (element.getKind() == ElementKind.CLASS || element.getKind() == ElementKind.RECORD) {
      walkFields(type, origin, via.isEmpty() ? element.getSimpleName().toString() : via);
    }
    if (!isEnum) {
      for (TypeMirror permitted : element.getPermittedSubclasses()) {
        walk(types.erasure(permitted), origin, via);
      }
    }
  }

  private void walkFields(DeclaredType type, Origin origin, String via) {
    DeclaredType current = type;
    while (current != null) {
      TypeElement element = (TypeElement) current.asElement();
      String name = element.getQualifiedName().toString();
      if (name.startsWith("java.") || name.startsWith("javax.")) {
        return;
      }
      for (VariableElement field : ElementFilter.fieldsIn(element.getEnclosedElements())) {
        Set<Modifier> modifiers = field.getModifiers();
        if (modifiers.contains(Modifier.STATIC) || modifiers.contains(Modifier.TRANSIENT)) {
          continue;
        }
        walk(types.asMemberOf(current, field), origin, via + "." + field.getSimpleName());
      }
      current = superclass(current);
    }
  }

  private DeclaredType superclass(DeclaredType type) {
    for (TypeMirror supertype : types.directSupertypes(type)) {
      if (supertype.getKind() == TypeKind.DECLARED
          && ((DeclaredType) supertype).asElement().getKind() != ElementKind.INTERFACE) {
        return (DeclaredType) supertype;
      }
    }
    return null;
  }

  /** Types every serializer handles natively and that never need registering. */
  private static boolean isBuiltIn(String name) {
    return switch (name) {
      case "java.lang.Object", "java.lang.String", "java.lang.Boolean", "java.lang.Byte",
          "java.lang.Short", "java.lang.Character", "java.lang.Integer", "java.lang.Long",
          "java.lang.Float", "java.lang.Double", "java.lang.Void" -> true;
      default -> false;
    };
  }
}
