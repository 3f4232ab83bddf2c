package dev.vireo.rpc.processor.validation;

import javax.tools.Diagnostic;

/**
 * Every diagnostic the processor prints, in one place. Each starts with a stable tag in brackets
 * that tests and users can search for; the text names the offending element and says what to do.
 */
public enum Message {
  NOT_AN_INTERFACE(
      Diagnostic.Kind.ERROR,
      "not-interface",
      "@Remote applies to interfaces only, but %s is a %s. Declare the service as an interface and"
          + " implement it in a class."),
  PRIVATE_INTERFACE(
      Diagnostic.Kind.ERROR,
      "private-interface",
      "@Remote interface %s is private or local, so generated code cannot implement it. Make it at"
          + " least package-private and a top-level or member type."),
  SEALED_INTERFACE(
      Diagnostic.Kind.ERROR,
      "sealed-interface",
      "@Remote interface %s is sealed, so the generated client cannot implement it. Remove"
          + " sealed, or make @Remote a non-sealed interface that the sealed one extends."),
  GENERIC_INTERFACE(
      Diagnostic.Kind.ERROR,
      "generic-interface",
      "@Remote interface %s has type parameters, which a caller cannot fix at run time. Declare a"
          + " non-generic interface that extends it with concrete types."),
  GENERIC_METHOD(
      Diagnostic.Kind.ERROR,
      "generic-method",
      "Remote method %s declares type parameters, whose values never reach the server. Use"
          + " concrete types."),
  ONEWAY_NOT_VOID(
      Diagnostic.Kind.ERROR,
      "oneway-not-void",
      "@Oneway method %s returns %s, but a one-way call gets no reply. Return void, or remove"
          + " @Oneway."),
  ONEWAY_FUTURE(
      Diagnostic.Kind.ERROR,
      "oneway-future",
      "@Oneway method %s returns a CompletableFuture that could never complete, because a one-way"
          + " call gets no reply. Return void, or remove @Oneway."),
  RAW_FUTURE(
      Diagnostic.Kind.ERROR,
      "raw-future",
      "Remote method %s returns a raw CompletableFuture. Give its result type, e.g."
          + " CompletableFuture<Void>."),
  WILDCARD_FUTURE(
      Diagnostic.Kind.ERROR,
      "wildcard-future",
      "Remote method %s returns CompletableFuture<%s>, whose result type the client cannot"
          + " decode into. Name the type, e.g. CompletableFuture<%s>."),
  INHERITED_CONFLICT(
      Diagnostic.Kind.ERROR,
      "inherited-conflict",
      "Remote method %s is inherited from %s and from %s, which disagree on %s. Declare it in %s"
          + " with what it should have."),
  BAD_TIMEOUT(
      Diagnostic.Kind.ERROR,
      "bad-timeout",
      "@Timeout(millis = %d) on %s must be positive."),
  UNSERIALIZABLE_TYPE(
      Diagnostic.Kind.ERROR,
      "unserializable",
      "%s of %s has type %s, which cannot cross the wire: %s"),
  INACCESSIBLE_TYPE(
      Diagnostic.Kind.ERROR,
      "inaccessible-type",
      "%s of %s reaches %s, which code in package %s cannot name, so it cannot be registered for"
          + " the wire. Make it public."),
  METHOD_ID_COLLISION(
      Diagnostic.Kind.ERROR,
      "method-id-collision",
      "Remote methods %s and %s of %s hash to the same wire id 0x%08x. Rename one of them."),
  GENERATED_NAME_CLASH(
      Diagnostic.Kind.ERROR,
      "name-clash",
      "Vireo generates %s for @Remote interface %s, but a type with that name already exists."
          + " Rename that type or the interface."),
  EXCEPTION_NOT_REBUILDABLE(
      Diagnostic.Kind.WARNING,
      "exception-not-rebuildable",
      "%s declared by %s has no public constructor taking a String or nothing, so a client"
          + " cannot rebuild it: callers will get RemoteApplicationException instead."),
  UNRESOLVED_TYPE(
      Diagnostic.Kind.ERROR,
      "unresolved-type",
      "%s uses a type that could not be resolved after the last processing round: %s."),
  PROCESSOR_FAILURE(
      Diagnostic.Kind.ERROR,
      "internal",
      "Vireo could not process %s: %s. This is a bug in the Vireo processor; please report it with"
          + " the interface that triggered it.");

  private final Diagnostic.Kind kind;
  private final String tag;
  private final String format;

  Message(Diagnostic.Kind kind, String tag, String format) {
    this.kind = kind;
    this.tag = tag;
    this.format = format;
  }

  public Diagnostic.Kind kind() {
    return kind;
  }

  /** The stable tag, e.g. {@code vireo.generic-method}. */
  public String tag() {
    return "vireo." + tag;
  }

  public String format(Object... args) {
    return "[" + tag() + "] " + String.format(format, args);
  }
}
