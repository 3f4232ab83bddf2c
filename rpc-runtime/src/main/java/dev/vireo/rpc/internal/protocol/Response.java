package dev.vireo.rpc.internal.protocol;

import io.netty.buffer.ByteBuf;

/**
 * The reply to a call: a {@link ResponseStatus} code and a body whose meaning depends on it. It
 * owns its body until {@link #release()}.
 *
 * @param status {@link ResponseStatus#OK}, {@link ResponseStatus#APPLICATION_ERROR}, or an {@code
 *     RpcStatus} code
 * @param body the result, a {@link ThrownException}, or a {@link StatusError}
 */
public record Response(int status, ByteBuf body) {
  public void release() {
    body.release();
  }
}
