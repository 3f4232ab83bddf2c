package dev.vireo.rpc.stub;

/**
 * Everything the processor generated for one {@code @Remote} interface, found at run time through
 * {@link java.util.ServiceLoader} (the processor lists each binding in {@code
 * META-INF/services/dev.vireo.rpc.stub.ServiceBinding}).
 *
 * @param <T> the service interface
 */
public interface ServiceBinding<T> {
  ServiceDescriptor descriptor();

  Class<T> serviceInterface();

  /** The generated {@code XAsync} interface: every method returns a {@code CompletableFuture}. */
  Class<?> asyncInterface();

  /** A client stub implementing {@link #serviceInterface()}. */
  T newStub(ClientInvoker invoker);

  /** A client stub implementing {@link #asyncInterface()}. */
  Object newAsyncStub(ClientInvoker invoker);

  ServiceDispatcher newDispatcher(T implementation);
}
