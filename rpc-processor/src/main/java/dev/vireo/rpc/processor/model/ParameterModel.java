package dev.vireo.rpc.processor.model;

import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;

/** A method parameter with its type resolved as a member of the service interface. */
public record ParameterModel(VariableElement element, String name, TypeMirror type) {}
