package dev.vireo.rpc.processor.codegen;

import static dev.vireo.rpc.processor.codegen.RuntimeNames.VALUE_READER;
import static dev.vireo.rpc.processor.codegen.RuntimeNames.SERVER_CALL;
import static dev.vireo.rpc.processor.codegen.RuntimeNames.SERVICE_DISPATCHER;
import static javax.lang.model.element.Modifier.FINAL;
import static javax.lang.model.element.Modifier.PRIVATE;
import static javax.lang.model.element.Modifier.PUBLIC;
import static javax.lang.model.element.Modifier.STATIC;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.vireo.rpc.processor.model.MethodModel;
import dev.vireo.rpc.processor.model.ParameterModel;
import dev.vireo.rpc.processor.model.ServiceModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code Dispatcher}: a plain {@code switch} on the method id whose cases read the
 * arguments with their static types, call the implementation and write its result.
 */
final class DispatcherWriter {
  private final ValueCodec codec;
  private final LocalNames names;

  DispatcherWriter(ValueCodec codec, LocalNames names) {
    this.codec = codec;
    this.names = names;
  }

  TypeSpec dispatcher(ServiceModel service) {
    CodeBlock.Builder body = CodeBlock.builder().beginControlFlow("switch ($N)", names.methodId);
    for (MethodModel method : service.methods()) {
      body.add("case $L_ID: {\n", method.constantName()).indent();
      List<CodeBlock> arguments = new ArrayList<>();
      if (!method.parameters().isEmpty()) {
        body.addStatement("$T $N = $N.arguments()", VALUE_READER, names.in, names.call);
        for (ParameterModel parameter : method.parameters()) {
          body.addStatement("$T $N = $L", TypeName.get(parameter.type()), parameter.name(),
              codec.read(parameter.type(), names.in));
          arguments.add(CodeBlock.of("$N", parameter.name()));
        }
      }
      CodeBlock invocation = CodeBlock.of("this.$N.$N($L)", names.implementation, method.name(),
          CodeBlock.join(arguments, ", "));
      switch (method.returnKind()) {
        case VOID -> body.addStatement(invocation);
        case VALUE -> body
            .addStatement("$T $N = $L", TypeName.get(method.returnType()), names.result,
                invocation)
            .addStatement(codec.write(method.resultType(), names.call + ".result()",
                CodeBlock.of("$N", names.result)));
        case FUTURE -> body.addStatement("$N.resultLater($L, $L_REPLY)", names.call, invocation,
            method.constantName());
      }
      body.addStatement("return").unindent().add("}\n");
    }
    body.add("default:\n").indent()
        .addStatement("throw new $T($N)", AssertionError.class, names.methodId)
        .unindent()
        .endControlFlow();

    return TypeSpec.classBuilder("Dispatcher")
        .addModifiers(PRIVATE, STATIC, FINAL)
        .addSuperinterface(SERVICE_DISPATCHER)
        .addField(service.interfaceName(), names.implementation, PRIVATE, FINAL)
        .addMethod(MethodSpec.constructorBuilder()
            .addParameter(service.interfaceName(), names.implementation)
            .addStatement("this.$N = $N", names.implementation, names.implementation)
            .build())
        .addMethod(MethodSpec.methodBuilder("dispatch")
            .addAnnotation(Override.class)
            .addModifiers(PUBLIC)
            .addParameter(int.class, names.methodId)
            .addParameter(SERVER_CALL, names.call)
            .addException(Exception.class)
            .addCode(body.build())
            .build())
        .build();
  }
}
