package dev.vireo.rpc.processor.codegen;

import static dev.vireo.rpc.processor.codegen.RuntimeNames.CLIENT_CALL;
import static dev.vireo.rpc.processor.codegen.RuntimeNames.CLIENT_INVOKER;
import static dev.vireo.rpc.processor.codegen.RuntimeNames.COMPLETABLE_FUTURE;
import static dev.vireo.rpc.processor.codegen.RuntimeNames.OVERRIDE;
import static dev.vireo.rpc.processor.codegen.RuntimeNames.VALUE_WRITER;

import dev.vireo.rpc.processor.model.ClassName;
import dev.vireo.rpc.processor.model.MethodModel;
import dev.vireo.rpc.processor.model.ParameterModel;
import dev.vireo.rpc.processor.model.ServiceModel;
import dev.vireo.rpc.processor.model.ThrownType;
import java.util.List;
import javax.lang.model.type.ArrayType;

/**
 * Writes the two client stubs: {@code Stub} implements the service interface, {@code AsyncStub}
 * its {@code XAsync} twin. Each method writes its arguments with their static types and invokes
 * the call once: blocking, asynchronous or one-way.
 */
final class StubWriter {
  private final JavaWriter out;
  private final ValueCodec codec;
  private final LocalNames names;

  StubWriter(JavaWriter out, ValueCodec codec, LocalNames names) {
    this.out = out;
    this.codec = codec;
    this.names = names;
  }

  void blockingStub(ServiceModel service) {
    openStub(names.stub, service.interfaceName());
    for (MethodModel method : service.methods()) {
      out.line("")
          .line("@" + out.type(OVERRIDE))
          .open("public " + out.type(method.returnType()) + " " + method.name() + "("
              + parameters(method, out) + ")" + throwsClause(method.thrownTypes()));
      startCall(method);
      switch (method.returnKind()) {
        case VOID -> out.line(names.call + (method.oneway() ? ".invokeOneway();" : ".invoke();"));
        case VALUE ->
            out.line("return " + codec.read(method.resultType(), names.call + ".invoke()", out)
                + ";");
        case FUTURE -> out.line("return " + names.call + ".invokeAsync("
            + names.constant(method.constantName() + "_RESULT") + ");");
      }
      out.close().close();
    }
    out.close();
  }

  void asyncStub(ServiceModel service) {
    openStub(names.asyncStub, service.asyncName());
    for (MethodModel method : service.methods()) {
      out.line("")
          .line("@" + out.type(OVERRIDE))
          .open("public " + asyncSignature(method, out));
      startCall(method);
      if (method.oneway()) {
        out.line(names.call + ".invokeOneway();")
            .line("return " + out.type(COMPLETABLE_FUTURE) + ".completedFuture(null);");
      } else {
        out.line("return " + names.call + ".invokeAsync("
            + names.constant(method.constantName() + "_RESULT") + ");");
      }
      out.close().close();
    }
    out.close();
  }

  /** {@code method} as {@code XAsync} declares it: same parameters, a future of the result. */
  static String asyncSignature(MethodModel method, JavaWriter out) {
    return out.type(COMPLETABLE_FUTURE) + "<" + BindingGenerator.resultType(method, out) + "> "
        + method.name() + "(" + parameters(method, out) + ")";
  }

  /** {@code int a, String... rest}. */
  static String parameters(MethodModel method, JavaWriter out) {
    StringBuilder text = new StringBuilder();
    List<ParameterModel> parameters = method.parameters();
    for (int i = 0; i < parameters.size(); i++) {
      ParameterModel parameter = parameters.get(i);
      boolean varargs = method.element().isVarArgs() && i == parameters.size() - 1;
      String type = varargs
          ? out.type(((ArrayType) parameter.type()).getComponentType()) + "..."
          : out.type(parameter.type());
      text.append(i == 0 ? "" : ", ").append(type).append(' ').append(parameter.name());
    }
    return text.toString();
  }

  private String throwsClause(List<ThrownType> thrown) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < thrown.size(); i++) {
      text.append(i == 0 ? " throws " : ", ").append(out.type(thrown.get(i).type()));
    }
    return text.toString();
  }

  private void openStub(String name, ClassName implemented) {
    String invoker = out.type(CLIENT_INVOKER);
    out.line("")
        .open("private static final class " + name + " implements " + out.type(implemented))
        .line("private final " + invoker + " " + names.invoker + ";")
        .line("")
        .open(name + "(" + invoker + " " + names.invoker + ")")
        .line("this." + names.invoker + " = " + names.invoker + ";")
        .close();
  }

  /** Opens {@code try (ClientCall call = ...)} and writes the arguments. */
  private void startCall(MethodModel method) {
    out.open("try (" + out.type(CLIENT_CALL) + " " + names.call + " = this." + names.invoker
        + ".newCall(" + names.constant(method.constantName()) + "))");
    if (!method.parameters().isEmpty()) {
      out.line(out.type(VALUE_WRITER) + " " + names.out + " = " + names.call + ".arguments();");
      for (ParameterModel parameter : method.parameters()) {
        out.line(codec.write(parameter.type(), names.out, parameter.name()) + ";");
      }
    }
  }
}
