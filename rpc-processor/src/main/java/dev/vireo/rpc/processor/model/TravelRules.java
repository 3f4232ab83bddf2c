package dev.vireo.rpc.processor.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Which classes can never cross the wire, and why: functions, threads, open resources, cursors,
 * the JVM's own machinery, and what the runtime's serializer refuses to decode (exceptions as
 * values, regular expressions). The JDK's types are looked up once and each class's answer is
 * kept, so a type that many services carry is judged once per processing round.
 */
final class TravelRules {
  private static final String FUNCTION =
      "it is behaviour, not data. Send the data the server needs and let it choose what to run.";
  private static final String RESOURCE =
      "it is an open resource of this JVM. Send its contents instead, e.g. a byte[].";
  private static final String CONCURRENCY =
      "it belongs to this JVM's threads. Return a CompletableFuture to make the call asynchronous.";
  private static final String MACHINERY = "it refers to code of this JVM, not to data.";
  private static final String CURSOR = "it is a cursor over data held here. Send a collection.";
  private static final String EXCEPTION = "an exception travels only as what a method throws, and"
      + " the receiver would run the constructor the sender named. Declare it in the throws clause,"
      + " or send its message.";
  private static final String REGEX = "the receiver would compile whatever regex the sender wrote,"
      + " which can take it seconds and gigabytes. Send the pattern's source and flags instead.";

  private record Forbidden(TypeMirror erasure, String reason) {}

  private final Types types;
  private final Elements elements;
  private final List<Forbidden> forbidden = new ArrayList<>();
  private final Map<TypeElement, Optional<String>> verdicts = new HashMap<>();

  TravelRules(Types types, Elements elements) {
    this.types = types;
    this.elements = elements;
    forbid("java.lang.Thread", CONCURRENCY);
    forbid("java.lang.ThreadGroup", CONCURRENCY);
    forbid("java.util.concurrent.Future", CONCURRENCY);
    forbid("java.util.concurrent.CompletionStage", CONCURRENCY);
    forbid("java.util.concurrent.Executor", CONCURRENCY);
    forbid("java.util.concurrent.locks.Lock", CONCURRENCY);
    forbid("java.lang.Runnable", FUNCTION);
    forbid("java.util.concurrent.Callable", FUNCTION);
    forbid("java.lang.AutoCloseable", RESOURCE);
    forbid("java.lang.Process", RESOURCE);
    forbid("java.lang.ref.Reference", MACHINERY);
    forbid("java.lang.Class", MACHINERY);
    forbid("java.lang.ClassLoader", MACHINERY);
    forbid("java.util.Iterator", CURSOR);
    forbid("java.util.Spliterator", CURSOR);
    forbid("java.lang.Throwable", EXCEPTION);
    forbid("java.util.regex.Pattern", REGEX);
  }

  /** Why values of {@code type} cannot travel, or null when they can. */
  String whyCannotTravel(TypeElement type) {
    return verdicts.computeIfAbsent(type, t -> Optional.ofNullable(judge(t))).orElse(null);
  }

  private String judge(TypeElement type) {
    String packageName = elements.getPackageOf(type).getQualifiedName().toString();
    if (packageName.equals("java.util.function")
        || type.getAnnotation(FunctionalInterface.class) != null) {
      return FUNCTION;
    }
    if (packageName.startsWith("java.lang.reflect") || packageName.startsWith("java.lang.invoke")) {
      return MACHINERY;
    }
    TypeMirror erased = types.erasure(type.asType());
    for (Forbidden each : forbidden) {
      if (types.isAssignable(erased, each.erasure())) {
        return each.reason();
      }
    }
    return null;
  }

  private void forbid(String name, String reason) {
    TypeElement type = elements.getTypeElement(name);
    if (type != null) {
      forbidden.add(new Forbidden(types.erasure(type.asType()), reason));
    }
  }
}
