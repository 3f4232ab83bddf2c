package dev.vireo.rpc.internal.protocol;

import io.netty.buffer.ByteBuf;
import java.util.Map;

/**
 * A call on its way to the server. It owns its body until {@link #release()}: whoever receives a
 * request takes over that duty. A body built with room for its frame's head becomes that frame
 * ({@code Frames.request}) and is not to be read again afterwards.
 *
 * @param service the service and tag called
 * @param methodId the method's wire id
 * @param oneway whether no reply is wanted
 * @param timeoutMicros how long the caller waits, from when it sent the call; 0 for no deadline
 * @param attachments implicit key-value pairs that travel with the call
 * @param body the arguments, as the generated stub wrote them
 */
public record Request(
    ServiceKey service,
    int methodId,
    boolean oneway,
    long timeoutMicros,
    Map<String, String> attachments,
    ByteBuf body) {

  public Request {
    attachments = Map.copyOf(attachments);
  }

  public void release() {
    body.release();
  }
}
