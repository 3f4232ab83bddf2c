package dev.vireo.rpc.processor.codegen;

import static dev.vireo.rpc.processor.codegen.RuntimeNames.VALUE_WRITER;
import static dev.vireo.rpc.processor.codegen.RuntimeNames.CLIENT_CALL;
import static dev.vireo.rpc.processor.codegen.RuntimeNames.CLIENT_INVOKER;
import static dev.vireo.rpc.processor.codegen.RuntimeNames.COMPLETABLE_FUTURE;
import static javax.lang.model.element.Modifier.FINAL;
import static javax.lang.model.element.Modifier.PRIVATE;
import static javax.lang.model.element.Modifier.PUBLIC;
import static javax.lang.model.element.Modifier.STATIC;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.vireo.rpc.processor.model.MethodModel;
import dev.vireo.rpc.processor.model.ParameterModel;
import dev.vireo.rpc.processor.model.ServiceModel;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.util.Types;

/**
 * Writes the two client stubs: {@code Stub} implements the service interface, {@code AsyncStub}
 * its {@code XAsync} twin. Each method writes its arguments with their static types and invokes
 * the call once: blocking, asynchronous or one-way.
 */
final class StubWriter {
  private final Types types;
  private final ValueCodec codec;
  private final LocalNames names;

  StubWriter(Types types, ValueCodec codec, LocalNames names) {
    this.types = types;
    this.codec = codec;
    this.names = names;
  }

  TypeSpec blockingStub(ServiceModel service) {
    TypeSpec.Builder stub = stubClass("Stub", service.interfaceName());
    DeclaredType serviceType = (DeclaredType) service.element().asType();
    for (MethodModel method : service.methods()) {
      MethodSpec.Builder spec = MethodSpec.overriding(method.element(), serviceType, types);
      CodeBlock.Builder body = startCall(method);
      switch (method.returnKind()) {
        case VOID -> body.addStatement(
            method.oneway() ? "$N.invokeOneway()" : "$N.invoke()", names.call);
        case VALUE -> body.addStatement(
            "return $L", codec.read(method.resultType(), names.call + ".invoke()"));
        case FUTURE -> body.addStatement(
            "return $N.invokeAsync($L_RESULT)", names.call, method.constantName());
      }
      stub.addMethod(spec.addCode(body.endControlFlow().build()).build());
    }
    return stub.build();
  }

  TypeSpec asyncStub(ServiceModel service) {
    TypeSpec.Builder stub = stubClass("AsyncStub", service.asyncName());
    for (MethodModel method : service.methods()) {
      CodeBlock.Builder body = startCall(method);
      if (method.oneway()) {
        body.addStatement("$N.invokeOneway()", names.call)
            .addStatement("return $T.completedFuture(null)", COMPLETABLE_FUTURE);
      } else {
        body.addStatement("return $N.invokeAsync($L_RESULT)", names.call, method.constantName());
      }
      stub.addMethod(asyncSignature(method)
          .addAnnotation(Override.class)
          .addModifiers(PUBLIC)
          .addCode(body.endControlFlow().build())
          .build());
    }
    return stub.build();
  }

  /** The signature of {@code method} in {@code XAsync}: same parameters, a future of the result. */
  static MethodSpec.Builder asyncSignature(MethodModel method) {
    MethodSpec.Builder spec = MethodSpec.methodBuilder(method.name())
        .returns(ParameterizedTypeName.get(
            COMPLETABLE_FUTURE, BindingGenerator.resultTypeName(method)))
        .varargs(method.element().isVarArgs());
    for (ParameterModel parameter : method.parameters()) {
      spec.addParameter(ParameterSpec.builder(TypeName.get(parameter.type()), parameter.name())
          .build());
    }
    return spec;
  }

  private TypeSpec.Builder stubClass(String name, TypeName implemented) {
    return TypeSpec.classBuilder(name)
        .addModifiers(PRIVATE, STATIC, FINAL)
        .addSuperinterface(implemented)
        .addField(CLIENT_INVOKER, names.invoker, PRIVATE, FINAL)
        .addMethod(MethodSpec.constructorBuilder()
            .addParameter(CLIENT_INVOKER, names.invoker)
            .addStatement("this.$N = $N", names.invoker, names.invoker)
            .build());
  }

  /** Opens {@code try (ClientCall call = ...)} and writes the arguments. */
  private CodeBlock.Builder startCall(MethodModel method) {
    CodeBlock.Builder body = CodeBlock.builder()
        .beginControlFlow("try ($T $N = this.$N.newCall($L))", CLIENT_CALL, names.call,
            names.invoker, method.constantName());
    if (!method.parameters().isEmpty()) {
      body.addStatement("$T $N = $N.arguments()", VALUE_WRITER, names.out, names.call);
      for (ParameterModel parameter : method.parameters()) {
        body.addStatement(codec.write(parameter.type(), names.out,
            CodeBlock.of("$N", parameter.name())));
      }
    }
    return body;
  }
}
