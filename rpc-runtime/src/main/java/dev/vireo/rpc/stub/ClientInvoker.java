package dev.vireo.rpc.stub;

/**
 * What a generated client stub calls: it starts one call of one method on the service the stub
 * was made for (its name and tag, its providers, its default deadline).
 *
 * <p>Thread-safe: one invoker serves every thread that uses the stub.
 */
public interface ClientInvoker {
  ClientCall newCall(MethodDescriptor method);
}
