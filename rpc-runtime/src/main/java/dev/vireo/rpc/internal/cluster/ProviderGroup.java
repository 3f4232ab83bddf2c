package dev.vireo.rpc.internal.cluster;

import dev.vireo.rpc.RpcException;
import dev.vireo.rpc.RpcStatus;
import dev.vireo.rpc.internal.protocol.Request;
import dev.vireo.rpc.internal.protocol.Response;
import dev.vireo.rpc.internal.channel.CallChannel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Several providers of the same services behind one transport: each call goes to the next
 * connected provider in turn; if none is connected, to one still connecting; if none is either,
 * the call fails at once with {@code UNAVAILABLE}.
 */
public final class ProviderGroup implements CallChannel {
  private final List<CallChannel> providers;
  private final AtomicInteger next = new AtomicInteger();

  public ProviderGroup(List<CallChannel> providers) {
    if (providers.isEmpty()) {
      throw new IllegalArgumentException("no providers");
    }
    this.providers = List.copyOf(providers);
  }

  @Override
  public CompletableFuture<Response> send(Request request) {
    CallChannel chosen = choose();
    if (chosen == null) {
      request.release();
      return CompletableFuture.failedFuture(new RpcException(RpcStatus.UNAVAILABLE,
          "no provider is reachable among " + address(), false, null));
    }
    return chosen.send(request);
  }

  private CallChannel choose() {
    int start = next.getAndIncrement();
    int size = providers.size();
    for (int i = 0; i < size; i++) {
      CallChannel candidate = providers.get(Math.floorMod(start + i, size));
      if (candidate.isReady()) {
        return candidate;
      }
    }
    for (int i = 0; i < size; i++) {
      CallChannel candidate = providers.get(Math.floorMod(start + i, size));
      if (candidate.isConnecting()) {
        return candidate;
      }
    }
    return size == 1 ? providers.get(0) : null;
  }

  @Override
  public boolean isReady() {
    return providers.stream().anyMatch(CallChannel::isReady);
  }

  @Override
  public boolean isConnecting() {
    return providers.stream().anyMatch(CallChannel::isConnecting);
  }

  @Override
  public String address() {
    return providers.size() == 1
        ? providers.get(0).address()
        : providers.stream().map(CallChannel::address).collect(Collectors.joining(", ", "[", "]"));
  }

  @Override
  public void close() {
    providers.forEach(CallChannel::close);
  }
}
