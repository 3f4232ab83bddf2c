package dev.vireo.rpc.stub;

/**
 * Turns an incoming call into a call on the implementation. Generated: a {@code switch} on the
 * method id, each case reading the arguments with their static types.
 */
public interface ServiceDispatcher {
  /**
   * Runs method {@code methodId}. The runtime has already checked that the service declares it and
   * exports it. Whatever the implementation throws propagates unchanged.
   */
  void dispatch(int methodId, ServerCall call) throws Exception;
}
