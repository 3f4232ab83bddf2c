package dev.vireo.rpc.internal.inprocess;

import dev.vireo.rpc.RpcException;
import dev.vireo.rpc.RpcStatus;
import dev.vireo.rpc.internal.protocol.Request;
import dev.vireo.rpc.internal.protocol.Response;
import dev.vireo.rpc.internal.channel.CallChannel;
import dev.vireo.rpc.internal.channel.ReplyFuture;
import dev.vireo.rpc.internal.acceptor.ReplySink;
import dev.vireo.rpc.internal.acceptor.RequestHandler;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** The client side of {@link InProcessAcceptor}: the server is looked up by name per call. */
public final class InProcessChannel implements CallChannel {
  static final String ADDRESS_PREFIX = "in-process:";

  private final String name;
  private final Set<CompletableFuture<Response>> pending = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  public InProcessChannel(String name) {
    this.name = Objects.requireNonNull(name, "name");
  }

  @Override
  public CompletableFuture<Response> send(Request request) {
    RequestHandler server = InProcessAcceptor.handlerOf(name);
    if (closed || server == null) {
      request.release();
      return CompletableFuture.failedFuture(new RpcException(RpcStatus.UNAVAILABLE,
          closed ? "the client is closed" : "no in-process server named '" + name + "'", false,
          null));
    }
    if (request.oneway()) {
      server.handle(request, response -> response.release());
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Response> reply = new ReplyFuture();
    pending.add(reply);
    reply.whenComplete((response, failure) -> pending.remove(reply));
    server.handle(request, new ReplyTo(reply));
    return reply;
  }

  /** Completes the caller's future; the caller gave up once the future is done without it. */
  private record ReplyTo(CompletableFuture<Response> reply) implements ReplySink {
    @Override
    public void reply(Response response) {
      if (!reply.complete(response)) {
        response.release();
      }
    }

    @Override
    public boolean cancelled() {
      return reply.isDone();
    }
  }

  @Override
  public String address() {
    return ADDRESS_PREFIX + name;
  }

  @Override
  public void close() {
    closed = true;
    for (CompletableFuture<Response> call : pending) {
      call.completeExceptionally(
          new RpcException(RpcStatus.CANCELLED, "the client was closed while the call was pending"));
    }
  }
}
