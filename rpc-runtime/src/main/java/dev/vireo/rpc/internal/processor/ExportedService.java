package dev.vireo.rpc.internal.processor;

import dev.vireo.rpc.internal.protocol.ServiceKey;
import dev.vireo.rpc.stub.MethodDescriptor;
import dev.vireo.rpc.stub.ServiceDescriptor;
import dev.vireo.rpc.stub.ServiceDispatcher;
import io.netty.util.collection.IntObjectMap;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * One exported implementation: its dispatcher, the methods it exports, and the executor its calls
 * run on (null: on the receiving thread).
 *
 * @param key the service name and tag
 * @param descriptor the service's methods and wire types
 * @param dispatcher the generated dispatcher wrapped around the implementation
 * @param exportedMethodIds the ids of the exported methods; empty means all
 * @param executor where calls run, or null to run them directly
 * @param queueShare how many calls of one connection may wait in the executor's queue; 0 for no
 *     limit (a queue this server does not own, or none)
 * @param placements where each method's calls run, by method id, when a short method's calls
 *     may leave the executor for the thread that received them; null when they may not
 */
public record ExportedService(
    ServiceKey key,
    ServiceDescriptor descriptor,
    ServiceDispatcher dispatcher,
    Set<Integer> exportedMethodIds,
    Executor executor,
    int queueShare,
    IntObjectMap<MethodPlacement> placements) {

  public ExportedService {
    exportedMethodIds = Set.copyOf(exportedMethodIds);
  }

  /** The exported method with this id, or null. */
  public MethodDescriptor exportedMethod(int id) {
    MethodDescriptor method = descriptor.method(id);
    if (method == null || (!exportedMethodIds.isEmpty() && !exportedMethodIds.contains(id))) {
      return null;
    }
    return method;
  }

  /** Where the calls of method {@code id} run, or null if they always run on the executor. */
  public MethodPlacement placement(int id) {
    return placements == null ? null : placements.get(id);
  }
}
