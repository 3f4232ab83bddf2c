package dev.vireo.rpc.processor.codegen;

import dev.vireo.rpc.processor.model.ClassName;

/**
 * The classes generated code refers to: the runtime's (the processor does not depend on the
 * runtime) and the JDK's.
 */
final class RuntimeNames {
  private static final String STUB = "dev.vireo.rpc.stub";

  static final ClassName VALUE_READER = ClassName.of(STUB, "ValueReader");
  static final ClassName VALUE_WRITER = ClassName.of(STUB, "ValueWriter");
  static final ClassName RECORD_CODEC = ClassName.of(STUB, "RecordCodec");
  static final ClassName RECORD_READER = ClassName.of(STUB, "RecordReader");
  static final ClassName RECORD_WRITER = ClassName.of(STUB, "RecordWriter");
  static final ClassName CLIENT_CALL = ClassName.of(STUB, "ClientCall");
  static final ClassName CLIENT_INVOKER = ClassName.of(STUB, "ClientInvoker");
  static final ClassName METHOD_DESCRIPTOR = ClassName.of(STUB, "MethodDescriptor");
  static final ClassName RESULT_DECODER = ClassName.of(STUB, "ResultDecoder");
  static final ClassName RESULT_ENCODER = ClassName.of(STUB, "ResultEncoder");
  static final ClassName SERVER_CALL = ClassName.of(STUB, "ServerCall");
  static final ClassName SERVICE_BINDING = ClassName.of(STUB, "ServiceBinding");
  static final ClassName SERVICE_DESCRIPTOR = ClassName.of(STUB, "ServiceDescriptor");
  static final ClassName SERVICE_DISPATCHER = ClassName.of(STUB, "ServiceDispatcher");
  static final ClassName COMPLETABLE_FUTURE =
      ClassName.of("java.util.concurrent", "CompletableFuture");
  static final ClassName GENERATED = ClassName.of("javax.annotation.processing", "Generated");
  static final ClassName OVERRIDE = ClassName.of("java.lang", "Override");
  static final ClassName STRING = ClassName.of("java.lang", "String");
  static final ClassName OBJECT = ClassName.of("java.lang", "Object");
  static final ClassName CLASS = ClassName.of("java.lang", "Class");
  static final ClassName VOID = ClassName.of("java.lang", "Void");
  static final ClassName EXCEPTION = ClassName.of("java.lang", "Exception");
  static final ClassName ASSERTION_ERROR = ClassName.of("java.lang", "AssertionError");

  private RuntimeNames() {}
}
