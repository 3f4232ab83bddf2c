package dev.vireo.rpc.processor.codegen;

import dev.vireo.rpc.processor.model.ClassName;
import dev.vireo.rpc.processor.model.MethodModel;
import dev.vireo.rpc.processor.model.ParameterModel;
import dev.vireo.rpc.processor.model.RecordModel;
import dev.vireo.rpc.processor.model.ServiceModel;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Names generated code declares beside the user's: locals and fields ({@code call}, {@code out},
 * ...) unique against every parameter name of the service, and the nested classes ({@code Stub},
 * ...) and the records' codecs ({@code UserCodec}) unique against every class the service mentions
 * and every member type the stub inherits, so that neither ever hides the other. Usually the plain name is free and is used as is.
 */
final class LocalNames {
  final String invoker;
  final String implementation;
  final String call;
  final String out;
  final String in;
  final String result;
  final String methodId;
  final String stub;
  final String asyncStub;
  final String dispatcher;
  /** Member types the stub inherits from the service interface. */
  final Set<String> inheritedTypes = new HashSet<>();
  /** The nested class of each record's codec. */
  final Map<TypeElement, String> codecs = new LinkedHashMap<>();
  private final String binding;
  /** Parameter names and the interface's constants, which a stub's methods see first. */
  private final Set<String> shadowing = new HashSet<>();

  LocalNames(ServiceModel service, Set<ClassName> mentioned) {
    for (MethodModel method : service.methods()) {
      for (ParameterModel parameter : method.parameters()) {
        shadowing.add(parameter.name());
      }
    }
    invoker = unique("invoker", shadowing);
    implementation = unique("implementation", shadowing);
    call = unique("call", shadowing);
    out = unique("out", shadowing);
    in = unique("in", shadowing);
    result = unique("result", shadowing);
    methodId = unique("methodId", shadowing);

    addInheritedMembers(service.element());
    Set<String> typeNames = new HashSet<>(inheritedTypes);
    for (ClassName name : mentioned) {
      typeNames.addAll(name.simpleNames());
    }
    binding = service.bindingName().simpleName();
    typeNames.add(binding);
    stub = unique("Stub", typeNames);
    asyncStub = unique("AsyncStub", typeNames);
    dispatcher = unique("Dispatcher", typeNames);
    typeNames.addAll(List.of(stub, asyncStub, dispatcher));
    for (RecordModel record : service.records()) {
      String codec = unique(String.join("_", ClassName.of(record.element()).simpleNames())
          + "Codec", typeNames);
      typeNames.add(codec);
      codecs.put(record.element(), codec);
    }
  }

  /**
   * How a stub refers to one of the binding's constants: by its simple name, or through the
   * binding when a parameter or a constant of the interface has the same name.
   */
  String constant(String name) {
    return shadowing.contains(name) ? binding + "." + name : name;
  }

  private void addInheritedMembers(TypeElement type) {
    for (TypeElement member : ElementFilter.typesIn(type.getEnclosedElements())) {
      inheritedTypes.add(member.getSimpleName().toString());
    }
    for (VariableElement field : ElementFilter.fieldsIn(type.getEnclosedElements())) {
      shadowing.add(field.getSimpleName().toString());
    }
    for (TypeMirror parent : type.getInterfaces()) {
      addInheritedMembers((TypeElement) ((DeclaredType) parent).asElement());
    }
  }

  static String unique(String name, Set<String> taken) {
    String candidate = name;
    while (taken.contains(candidate)) {
      candidate = candidate + "_";
    }
    return candidate;
  }
}
