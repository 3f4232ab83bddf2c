package dev.vireo.rpc.client;

import dev.vireo.rpc.RpcException;
import dev.vireo.rpc.RpcStatus;
import dev.vireo.rpc.protocol.Request;
import dev.vireo.rpc.protocol.Response;
import dev.vireo.rpc.transport.ClientTransport;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Several providers of the same services behind one transport: each call goes to the next
 * connected provider in turn; if none is connected, to one still connecting; if none is either,
 * the call fails at once with {@code UNAVAILABLE}.
 */
public final class ProviderGroup implements ClientTransport {
  private final List<ClientTransport> providers;
  private final AtomicInteger next = new AtomicInteger();

  public ProviderGroup(List<ClientTransport> providers) {
    if (providers.isEmpty()) {
      throw new IllegalArgumentException("no providers");
    }
    this.providers = List.copyOf(providers);
  }

  @Override
  public CompletableFuture<Response> send(Request request) {
    ClientTransport chosen = choose();
    if (chosen == null) {
      request.release();
      return CompletableFuture.failedFuture(new RpcException(RpcStatus.UNAVAILABLE,
          "no provider is reachable among " + address(), false, null));
    }
    return chosen.send(request);
  }

  private ClientTransport choose() {
    int start = next.getAndIncrement();
    int size = providers.size();
    for (int i = 0; i < size; i++) {
      ClientTransport candidate = providers.get(Math.floorMod(start + i, size));
      if (candidate.isReady()) {
        return candidate;
      }
    }
    for (int i = 0; i < size; i++) {
      ClientTransport candidate = providers.get(Math.floorMod(start + i, size));
      if (candidate.isConnecting()) {
        return candidate;
      }
    }
    return size == 1 ? providers.get(0) : null;
  }

  @Override
  public boolean isReady() {
    return providers.stream().anyMatch(ClientTransport::isReady);
  }

  @Override
  public boolean isConnecting() {
    return providers.stream().anyMatch(ClientTransport::isConnecting);
  }

  @Override
  public String address() {
    return providers.size() == 1
        ? providers.get(0).address()
        : providers.stream().map(ClientTransport::address).collect(Collectors.joining(", ", "[", "]"));
  }

  @Override
  public void close() {
    providers.forEach(ClientTransport::close);
  }
}
