package dev.vireo.rpc.processor.codegen;

import com.palantir.javapoet.ClassName;

/** The runtime types generated code refers to; the processor does not depend on the runtime. */
final class RuntimeNames {
  private static final String STUB = "dev.vireo.rpc.stub";

  static final ClassName VALUE_READER = ClassName.get(STUB, "ValueReader");
  static final ClassName VALUE_WRITER = ClassName.get(STUB, "ValueWriter");
  static final ClassName CLIENT_CALL = ClassName.get(STUB, "ClientCall");
  static final ClassName CLIENT_INVOKER = ClassName.get(STUB, "ClientInvoker");
  static final ClassName METHOD_DESCRIPTOR = ClassName.get(STUB, "MethodDescriptor");
  static final ClassName RESULT_DECODER = ClassName.get(STUB, "ResultDecoder");
  static final ClassName RESULT_ENCODER = ClassName.get(STUB, "ResultEncoder");
  static final ClassName SERVER_CALL = ClassName.get(STUB, "ServerCall");
  static final ClassName SERVICE_BINDING = ClassName.get(STUB, "ServiceBinding");
  static final ClassName SERVICE_DESCRIPTOR = ClassName.get(STUB, "ServiceDescriptor");
  static final ClassName SERVICE_DISPATCHER = ClassName.get(STUB, "ServiceDispatcher");
  static final ClassName COMPLETABLE_FUTURE =
      ClassName.get("java.util.concurrent", "CompletableFuture");
  static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

  private RuntimeNames() {}
}
