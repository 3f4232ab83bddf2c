package dev.vireo.rpc;

/**
 * What an interceptor learns about a call.
 *
 * @param service the service name on the wire
 * @param tag the implementation's tag, {@code ""} for the default one
 * @param method the method's signature, e.g. {@code getUser(long)}
 * @param oneway whether no reply is expected
 */
public record CallInfo(String service, String tag, String method, boolean oneway) {
  @Override
  public String toString() {
    return service + (tag.isEmpty() ? "" : ":" + tag) + "/" + method;
  }
}
