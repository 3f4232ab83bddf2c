package dev.vireo.rpc.processor.codegen;

import dev.vireo.rpc.processor.model.MethodModel;
import dev.vireo.rpc.processor.model.ParameterModel;
import dev.vireo.rpc.processor.model.ServiceModel;
import java.util.HashSet;
import java.util.Set;

/**
 * Names of the locals and fields generated code declares beside the user's parameters ({@code
 * call}, {@code out}, ...), each made unique against every parameter name of the service so the
 * two never shadow each other. Usually the plain name is free and is used as is.
 */
final class LocalNames {
  final String invoker;
  final String implementation;
  final String call;
  final String out;
  final String in;
  final String result;
  final String methodId;

  LocalNames(ServiceModel service) {
    Set<String> parameters = new HashSet<>();
    for (MethodModel method : service.methods()) {
      for (ParameterModel parameter : method.parameters()) {
        parameters.add(parameter.name());
      }
    }
    invoker = unique("invoker", parameters);
    implementation = unique("implementation", parameters);
    call = unique("call", parameters);
    out = unique("out", parameters);
    in = unique("in", parameters);
    result = unique("result", parameters);
    methodId = unique("methodId", parameters);
  }

  private static String unique(String name, Set<String> taken) {
    String candidate = name;
    while (taken.contains(candidate)) {
      candidate = candidate + "_";
    }
    return candidate;
  }
}
