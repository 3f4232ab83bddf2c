package dev.vireo.rpc.internal.protocol;

import io.netty.buffer.ByteBuf;

/**
 * A frame as read off a connection: its header fields and its body, which it owns until {@link
 * #release()}. A frame whose body exceeded the limit arrives with {@code oversized} set and an
 * empty body: the body was skipped, never buffered.
 *
 * @param serialization the serialization type byte
 * @param flags the flag bits
 * @param status a reply's status byte
 * @param id the message id
 * @param bodySize the size the header announced
 * @param oversized whether the body was skipped for exceeding the limit
 * @param body the body, or an empty buffer if oversized
 */
public record InboundFrame(
    int serialization, int flags, int status, long id, long bodySize, boolean oversized,
    ByteBuf body) {

  public boolean isGoAway() {
    return (flags & FrameHeader.FLAG_GOAWAY) != 0;
  }

  public boolean isCancel() {
    return (flags & FrameHeader.FLAG_CANCEL) != 0;
  }

  public boolean isResponse() {
    return (flags & FrameHeader.FLAG_RESPONSE) != 0;
  }

  public boolean isOneway() {
    return (flags & FrameHeader.FLAG_ONEWAY) != 0;
  }

  public boolean isHeartbeat() {
    return (flags & FrameHeader.FLAG_HEARTBEAT) != 0;
  }

  public void release() {
    body.release();
  }
}
