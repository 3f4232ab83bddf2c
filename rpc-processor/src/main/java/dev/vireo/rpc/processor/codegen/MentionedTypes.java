package dev.vireo.rpc.processor.codegen;

import dev.vireo.rpc.processor.model.ClassName;
import dev.vireo.rpc.processor.model.MethodModel;
import dev.vireo.rpc.processor.model.ParameterModel;
import dev.vireo.rpc.processor.model.ServiceModel;
import dev.vireo.rpc.processor.model.ThrownType;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/**
 * The user's classes a service's generated code names: the interface, and every class in its
 * methods' signatures and wire types, type arguments and outer classes included.
 */
final class MentionedTypes {
  private MentionedTypes() {}

  static Set<ClassName> of(ServiceModel service) {
    Set<ClassName> names = new LinkedHashSet<>();
    names.add(service.interfaceName());
    for (MethodModel method : service.methods()) {
      add(method.returnType(), names);
      for (ParameterModel parameter : method.parameters()) {
        add(parameter.type(), names);
      }
      for (ThrownType thrown : method.thrownTypes()) {
        add(thrown.type(), names);
      }
    }
    for (TypeMirror wireType : service.wireTypes()) {
      add(wireType, names);
    }
    return names;
  }

  private static void add(TypeMirror type, Set<ClassName> names) {
    switch (type.getKind()) {
      case DECLARED -> {
        DeclaredType declared = (DeclaredType) type;
        names.add(ClassName.of((TypeElement) declared.asElement()));
        if (declared.getEnclosingType().getKind() == TypeKind.DECLARED) {
          add(declared.getEnclosingType(), names);
        }
        for (TypeMirror argument : declared.getTypeArguments()) {
          add(argument, names);
        }
      }
      case ARRAY -> add(((ArrayType) type).getComponentType(), names);
      case WILDCARD -> {
        WildcardType wildcard = (WildcardType) type;
        if (wildcard.getExtendsBound() != null) {
          add(wildcard.getExtendsBound(), names);
        }
        if (wildcard.getSuperBound() != null) {
          add(wildcard.getSuperBound(), names);
        }
      }
      default -> {
        // primitives and void name no class
      }
    }
  }
}
