package dev.vireo.rpc.processor.validation;

import dev.vireo.rpc.annotation.Oneway;
import dev.vireo.rpc.annotation.Remote;
import dev.vireo.rpc.annotation.Timeout;
import dev.vireo.rpc.processor.model.MethodModel;
import dev.vireo.rpc.processor.model.MethodModel.ReturnKind;
import dev.vireo.rpc.processor.model.ServiceModel;
import dev.vireo.rpc.processor.model.ServiceModelFactory;
import dev.vireo.rpc.processor.model.ThrownType;
import dev.vireo.rpc.processor.model.ThrownType.Rebuild;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/**
 * Checks that a {@code @Remote} element can be served, before anything is generated. Every
 * problem is reported, each on the element that causes it.
 */
public final class ServiceValidator {
  /**
   * Checks what must hold before the interface can even be modelled. Returns false when the
   * element is not a usable interface.
   */
  public boolean validateType(Element element, Report report) {
    AnnotationMirror remote = annotation(element, Remote.class);
    if (element.getKind() != ElementKind.INTERFACE) {
      report.add(
          Message.NOT_AN_INTERFACE, element, remote, element.getSimpleName(),
          element.getKind().toString().toLowerCase(Locale.ROOT).replace('_', ' '));
      return false;
    }
    TypeElement type = (TypeElement) element;
    boolean valid = true;
    if (type.getModifiers().contains(Modifier.PRIVATE)
        || (type.getNestingKind() != NestingKind.TOP_LEVEL
            && type.getNestingKind() != NestingKind.MEMBER)
        || enclosedInPrivateType(type)) {
      report.add(Message.PRIVATE_INTERFACE, element, remote, type.getQualifiedName());
      valid = false;
    }
    if (type.getModifiers().contains(Modifier.SEALED)) {
      report.add(Message.SEALED_INTERFACE, element, remote, type.getQualifiedName());
      valid = false;
    }
    if (!type.getTypeParameters().isEmpty()) {
      report.add(Message.GENERIC_INTERFACE, element, remote, type.getQualifiedName());
      valid = false;
    }
    return valid;
  }

  /** Checks the modelled service: method shapes, id collisions, generated names. */
  public void validate(ServiceModel service, Set<String> userTypeNames, Report report) {
    TypeElement type = service.element();
    for (MethodModel method : service.methods()) {
      validateMethod(type, method, report);
    }
    validateIds(type, service.methods(), report);
    for (String generated :
        List.of(service.bindingName().canonicalName(), service.asyncName().canonicalName())) {
      if (userTypeNames.contains(generated)) {
        report.add(
            Message.GENERATED_NAME_CLASH, type, annotation(type, Remote.class), generated,
            type.getQualifiedName());
      }
    }
  }

  private void validateMethod(TypeElement service, MethodModel method, Report report) {
    Element target = ServiceModelFactory.reportTarget(service, method.element());
    String shown = target == method.element() ? method.signature() : inherited(method);
    if (!method.element().getTypeParameters().isEmpty()) {
      report.add(Message.GENERIC_METHOD, target, shown);
    }
    if (method.oneway()) {
      AnnotationMirror oneway = annotation(method.element(), Oneway.class);
      AnnotationMirror at = target == method.element() ? oneway : null;
      if (method.returnKind() == ReturnKind.FUTURE) {
        report.add(Message.ONEWAY_FUTURE, target, at, shown);
      } else if (method.returnKind() == ReturnKind.VALUE) {
        report.add(Message.ONEWAY_NOT_VOID, target, at, shown, method.returnType());
      }
    }
    if (method.returnKind() == ReturnKind.FUTURE) {
      List<? extends TypeMirror> result = ((DeclaredType) method.returnType()).getTypeArguments();
      if (result.isEmpty()) {
        report.add(Message.RAW_FUTURE, target, shown);
      } else if (result.get(0).getKind() == TypeKind.WILDCARD) {
        WildcardType wildcard = (WildcardType) result.get(0);
        TypeMirror bound = wildcard.getExtendsBound() != null ? wildcard.getExtendsBound()
            : wildcard.getSuperBound();
        report.add(Message.WILDCARD_FUTURE, target, shown, wildcard,
            bound != null ? bound : "Void");
      }
    }
    Timeout timeout = method.element().getAnnotation(Timeout.class);
    if (timeout != null && timeout.millis() <= 0) {
      AnnotationMirror at =
          target == method.element() ? annotation(method.element(), Timeout.class) : null;
      report.add(Message.BAD_TIMEOUT, target, at, timeout.millis(), shown);
    }
    for (ThrownType thrown : method.thrownTypes()) {
      if (thrown.rebuild() == Rebuild.NOT_POSSIBLE) {
        report.add(Message.EXCEPTION_NOT_REBUILDABLE, target, thrown.type(), shown);
      }
    }
  }

  private void validateIds(TypeElement service, List<MethodModel> methods, Report report) {
    Map<Integer, List<MethodModel>> byId = new LinkedHashMap<>();
    for (MethodModel method : methods) {
      byId.computeIfAbsent(method.id(), id -> new ArrayList<>()).add(method);
    }
    for (List<MethodModel> colliding : byId.values()) {
      if (colliding.size() < 2) {
        continue;
      }
      for (MethodModel method : colliding) {
        MethodModel other = colliding.get(colliding.get(0) == method ? 1 : 0);
        report.add(
            Message.METHOD_ID_COLLISION,
            ServiceModelFactory.reportTarget(service, method.element()),
            method.signature(), other.signature(), service.getQualifiedName(), method.id());
      }
    }
  }

  private static String inherited(MethodModel method) {
    return method.signature() + " (inherited from "
        + ((TypeElement) method.element().getEnclosingElement()).getQualifiedName() + ")";
  }

  private static boolean enclosedInPrivateType(TypeElement type) {
    for (Element e = type.getEnclosingElement(); e instanceof TypeElement;
        e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        return true;
      }
    }
    return false;
  }

  private static AnnotationMirror annotation(Element element, Class<?> type) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement annotationType = (TypeElement) mirror.getAnnotationType().asElement();
      if (annotationType.getQualifiedName().contentEquals(type.getCanonicalName())) {
        return mirror;
      }
    }
    return null;
  }
}
