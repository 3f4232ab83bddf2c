package dev.vireo.rpc.internal.protocol;

import dev.vireo.rpc.RpcStatus;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The body of a reply whose status is an {@code RpcStatus}: one flags byte (bit 0: the method may
 * have run) and the server's message as a {@link WireStrings wire string}.
 *
 * @param status why the call failed
 * @param message what the server said
 * @param mayHaveRun whether the implementation may have run
 */
public record StatusError(RpcStatus status, String message, boolean mayHaveRun) {
  private static final int MAY_HAVE_RUN = 1;

  public Response toResponse(ByteBufAllocator allocator) {
    ByteBuf body = allocator.buffer();
    body.writeByte(mayHaveRun ? MAY_HAVE_RUN : 0);
    WireStrings.write(body, message);
    return new Response(status.code(), body);
  }

  /** Reads the body of {@code response}, which keeps its buffer. */
  public static StatusError read(Response response) {
    ByteBuf body = response.body().duplicate();
    RpcStatus status = RpcStatus.fromCode(response.status());
    boolean mayHaveRun = (body.readByte() & MAY_HAVE_RUN) != 0;
    return new StatusError(status, WireStrings.read(body), mayHaveRun);
  }
}
