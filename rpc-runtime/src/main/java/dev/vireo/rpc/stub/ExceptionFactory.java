package dev.vireo.rpc.stub;

/**
 * Rebuilds, on the client, an exception the implementation threw, from its message. Generated code
 * passes constructor references such as {@code IOException::new}, so no reflection is needed.
 */
@FunctionalInterface
public interface ExceptionFactory {
  Throwable create(String message);
}
