package dev.vireo.rpc.processor.codegen;

import static dev.vireo.rpc.processor.codegen.RuntimeNames.ASSERTION_ERROR;
import static dev.vireo.rpc.processor.codegen.RuntimeNames.EXCEPTION;
import static dev.vireo.rpc.processor.codegen.RuntimeNames.OVERRIDE;
import static dev.vireo.rpc.processor.codegen.RuntimeNames.SERVER_CALL;
import static dev.vireo.rpc.processor.codegen.RuntimeNames.SERVICE_DISPATCHER;
import static dev.vireo.rpc.processor.codegen.RuntimeNames.VALUE_READER;

import dev.vireo.rpc.processor.model.MethodModel;
import dev.vireo.rpc.processor.model.ParameterModel;
import dev.vireo.rpc.processor.model.ServiceModel;

/**
 * Writes {@code Dispatcher}: a plain {@code switch} on the method id whose cases read the
 * arguments with their static types, call the implementation and write its result.
 */
final class DispatcherWriter {
  private final JavaWriter out;
  private final ValueCodec codec;
  private final LocalNames names;

  DispatcherWriter(JavaWriter out, ValueCodec codec, LocalNames names) {
    this.out = out;
    this.codec = codec;
    this.names = names;
  }

  void dispatcher(ServiceModel service) {
    String implementation = out.type(service.interfaceName());
    out.line("")
        .open("private static final class " + names.dispatcher + " implements "
            + out.type(SERVICE_DISPATCHER))
        .line("private final " + implementation + " " + names.implementation + ";")
        .line("")
        .open(names.dispatcher + "(" + implementation + " " + names.implementation + ")")
        .line("this." + names.implementation + " = " + names.implementation + ";")
        .close()
        .line("")
        .line("@" + out.type(OVERRIDE))
        .open("public void dispatch(int " + names.methodId + ", " + out.type(SERVER_CALL) + " "
            + names.call + ") throws " + out.type(EXCEPTION))
        .open("switch (" + names.methodId + ")");
    for (MethodModel method : service.methods()) {
      out.open("case " + method.constantName() + "_ID:");
      writeCase(method);
      out.close();
    }
    out.line("default:")
        .indent()
        .line("throw new " + out.type(ASSERTION_ERROR) + "(" + names.methodId + ");")
        .unindent()
        .close()
        .close()
        .close();
  }

  private void writeCase(MethodModel method) {
    StringBuilder arguments = new StringBuilder();
    if (!method.parameters().isEmpty()) {
      out.line(out.type(VALUE_READER) + " " + names.in + " = " + names.call + ".arguments();");
      for (ParameterModel parameter : method.parameters()) {
        out.line(out.type(parameter.type()) + " " + parameter.name() + " = "
            + codec.read(parameter.type(), names.in, out) + ";");
        arguments.append(arguments.length() == 0 ? "" : ", ").append(parameter.name());
      }
    }
    String invocation =
        "this." + names.implementation + "." + method.name() + "(" + arguments + ")";
    switch (method.returnKind()) {
      case VOID -> out.line(invocation + ";");
      case VALUE -> out
          .line(out.type(method.returnType()) + " " + names.result + " = " + invocation + ";")
          .line(codec.write(method.resultType(), names.call + ".result()", names.result) + ";");
      case FUTURE -> out.line(names.call + ".resultLater(" + invocation + ", "
          + names.constant(method.constantName() + "_REPLY") + ");");
    }
    out.line("return;");
  }
}
