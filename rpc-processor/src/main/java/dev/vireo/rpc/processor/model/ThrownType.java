package dev.vireo.rpc.processor.model;

import javax.lang.model.type.TypeMirror;

/**
 * A declared exception and how the client rebuilds it.
 *
 * @param type the exception type
 * @param rebuild which public constructor the client calls
 */
public record ThrownType(TypeMirror type, Rebuild rebuild) {

  /** The constructor a client uses to rebuild the exception. */
  public enum Rebuild {
    /** {@code new X(message)}. */
    MESSAGE_CONSTRUCTOR,
    /** {@code new X()}: the message is lost. */
    NO_ARG_CONSTRUCTOR,
    /** No usable constructor: the exception arrives as {@code RemoteApplicationException}. */
    NOT_POSSIBLE
  }
}
