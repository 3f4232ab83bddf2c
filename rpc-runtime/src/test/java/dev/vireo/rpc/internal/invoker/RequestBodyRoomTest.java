package dev.vireo.rpc.internal.invoker;

import static com.google.common.truth.Truth.assertThat;

import dev.vireo.rpc.CallContext;
import dev.vireo.rpc.LoadBalancer;
import dev.vireo.rpc.internal.channel.CallChannel;
import dev.vireo.rpc.internal.cluster.Cluster;
import dev.vireo.rpc.internal.cluster.FixedDirectory;
import dev.vireo.rpc.internal.cluster.Provider;
import dev.vireo.rpc.internal.interception.InterceptorChain;
import dev.vireo.rpc.internal.protocol.Bodies;
import dev.vireo.rpc.internal.protocol.Frames;
import dev.vireo.rpc.internal.protocol.Request;
import dev.vireo.rpc.internal.protocol.Response;
import dev.vireo.rpc.internal.protocol.ResponseStatus;
import dev.vireo.rpc.internal.protocol.ServiceKey;
import dev.vireo.rpc.internal.serialization.ForySerializer;
import dev.vireo.rpc.internal.serialization.WireTypes;
import dev.vireo.rpc.stub.ClientCall;
import dev.vireo.rpc.stub.MethodDescriptor;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A call's arguments are encoded with room before them for the head of the frame that carries
 * them (so that the connection writes the head there instead of copying the arguments) only
 * where one connection frames them once: over a network, to the one provider known.
 */
class RequestBodyRoomTest {
  private static final ServiceKey SERVICE = new ServiceKey("room.Service", "");
  private static final MethodDescriptor METHOD =
      MethodDescriptor.builder(SERVICE.name(), "call(int)", 1).build();

  /** The argument, 42, as a zigzag varint. */
  private static final String FORTY_TWO = "54";

  private final List<Request> sent = new ArrayList<>();

  @AfterEach
  void releaseWhatWasSent() {
    sent.forEach(Request::release);
  }

  @Test
  void overANetworkToTheOnlyProviderTheArgumentsFollowRoomForTheFramesHead() {
    Map<String, String> attachments = Map.of("trace", "été");
    try (CallContext.Scope scope = CallContext.withAttachments(attachments)) {
      call(invoker(true, 1));
    }

    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).body().readerIndex())
        .isEqualTo(Frames.requestHeadroom(SERVICE, attachments));
    assertThat(ByteBufUtil.hexDump(sent.get(0).body())).isEqualTo(FORTY_TWO);
  }

  @Test
  void toOneOfSeveralProvidersWhichARetryMaySendAgainTheArgumentsHaveNoRoomBeforeThem() {
    call(invoker(true, 2));

    assertThat(sent).hasSize(1);
    assertThat(encodedInto(sent.get(0)).capacity()).isEqualTo(1);
    assertThat(ByteBufUtil.hexDump(sent.get(0).body())).isEqualTo(FORTY_TWO);
  }

  @Test
  void inProcessWhereNothingIsFramedTheArgumentsHaveNoRoomBeforeThem() {
    call(invoker(false, 1));

    assertThat(sent).hasSize(1);
    assertThat(encodedInto(sent.get(0)).capacity()).isEqualTo(1);
    assertThat(ByteBufUtil.hexDump(sent.get(0).body())).isEqualTo(FORTY_TWO);
  }

  /** The buffer the arguments were encoded into: the body, or what the body is a slice of. */
  private static ByteBuf encodedInto(Request request) {
    ByteBuf body = request.body();
    return body.unwrap() == null ? body : body.unwrap();
  }

  private static void call(ServiceInvoker invoker) {
    try (ClientCall call = invoker.newCall(METHOD)) {
      call.arguments().writeInt(42);
      call.invokeAsync(in -> null).join();
    }
  }

  private ServiceInvoker invoker(boolean framed, int providers) {
    CallChannel channel = new CallChannel() {
      @Override
      public CompletableFuture<Response> send(Request request) {
        sent.add(request);
        return CompletableFuture.completedFuture(
            new Response(ResponseStatus.OK, Unpooled.EMPTY_BUFFER));
      }

      @Override
      public String address() {
        return "stand-in";
      }

      @Override
      public void close() {}
    };
    List<Provider> known = new ArrayList<>();
    for (int i = 0; i < providers; i++) {
      known.add(new Provider("stand-in-" + i, null, 1, channel));
    }
    Cluster cluster = new Cluster(SERVICE.name(), SERVICE.tag(), new FixedDirectory(known),
        LoadBalancer.roundRobin(), 0);
    return new ServiceInvoker(SERVICE, cluster, new ForySerializer(new WireTypes()),
        Bodies.ALLOCATOR, framed, Duration.ofSeconds(10),
        new InterceptorChain<>(List.of(), (interceptor, call) -> { },
            (interceptor, call, outcome) -> { }));
  }
}
