package dev.vireo.rpc.processor.model;

import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.TypeMirror;

/**
 * One remote method, with every type resolved as a member of the service interface.
 *
 * @param element the method as declared (possibly in a super-interface)
 * @param name the method name
 * @param signature the name and erased parameter types, e.g. {@code getUser(long)}: the source of
 *     the wire id
 * @param id the wire id
 * @param constantName the prefix of the generated constants, e.g. {@code GET_USER}
 * @param parameters the parameters, in order
 * @param returnKind how the result comes back
 * @param returnType the declared return type
 * @param resultType what travels back: the return type, or the future's type argument
 * @param thrownTypes the declared exceptions, most specific first
 * @param oneway whether the method is {@code @Oneway}
 * @param idempotent whether the method is {@code @Idempotent}
 * @param timeoutMillis the {@code @Timeout}, or 0
 */
public record MethodModel(
    ExecutableElement element,
    String name,
    String signature,
    int id,
    String constantName,
    List<ParameterModel> parameters,
    ReturnKind returnKind,
    TypeMirror returnType,
    TypeMirror resultType,
    List<ThrownType> thrownTypes,
    boolean oneway,
    boolean idempotent,
    long timeoutMillis) {

  public MethodModel {
    parameters = List.copyOf(parameters);
    thrownTypes = List.copyOf(thrownTypes);
  }

  /** How a method's result comes back to the caller. */
  public enum ReturnKind {
    /** {@code void}: an empty reply (none for one-way methods). */
    VOID,
    /** A value the caller waits for. */
    VALUE,
    /** A {@code CompletableFuture}: the caller never blocks, the server holds no thread. */
    FUTURE
  }
}
