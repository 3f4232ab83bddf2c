package dev.vireo.bench.dispatch;

import dev.vireo.rpc.stub.ClientCall;
import dev.vireo.rpc.stub.ClientInvoker;
import dev.vireo.rpc.stub.MethodDescriptor;
import dev.vireo.rpc.stub.ServiceDispatcher;

/** Hands every call of a stub to a dispatcher in the same thread; one per benchmark thread. */
final class SlotInvoker implements ClientInvoker {
  private final SlotCall call;

  SlotInvoker(ServiceDispatcher dispatcher) {
    this.call = new SlotCall(dispatcher);
  }

  @Override
  public ClientCall newCall(MethodDescriptor method) {
    return call.start(method);
  }
}
