package dev.vireo.rpc.internal.invoker;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vireo.rpc.LoadBalancer;
import dev.vireo.rpc.RemoteApplicationException;
import dev.vireo.rpc.RpcException;
import dev.vireo.rpc.RpcStatus;
import dev.vireo.rpc.internal.AllocationBudget;
import dev.vireo.rpc.internal.channel.CallChannel;
import dev.vireo.rpc.internal.cluster.Cluster;
import dev.vireo.rpc.internal.cluster.FixedDirectory;
import dev.vireo.rpc.internal.cluster.Provider;
import dev.vireo.rpc.internal.interception.InterceptorChain;
import dev.vireo.rpc.internal.protocol.Request;
import dev.vireo.rpc.internal.protocol.Response;
import dev.vireo.rpc.internal.protocol.ResponseStatus;
import dev.vireo.rpc.internal.protocol.ServiceKey;
import dev.vireo.rpc.internal.protocol.ThrownException;
import dev.vireo.rpc.internal.serialization.DeclaredTypes;
import dev.vireo.rpc.stub.ClientCall;
import dev.vireo.rpc.stub.MethodDescriptor;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.LeakPresenceDetector;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Timeout;

/**
 * Any reply a provider may send, as a client decodes it: the call ends with a result of the
 * declared type; with what the method threw, rebuilt as the declared exception, a well-known JDK
 * exception or a {@link RemoteApplicationException}; or with an {@link RpcException} of the
 * reply's status, or {@code SERIALIZATION} if the reply cannot be decoded. Nothing else reaches
 * the caller, decoding allocates in proportion to the reply, and the reply's buffer is released.
 *
 * <p>The input is the reply's body, then the byte that picks the declared result type, then the
 * status byte. The reply comes from a stand-in for the connection, so that an input takes
 * microseconds; how replies are cut out of a connection's bytes is {@code FrameDecoderFuzzTest}'s
 * part.
 */
class ReplyFuzzTest {
  private static final ServiceKey SERVICE = new ServiceKey("fuzzed.Service", "");
  private static final MethodDescriptor METHOD =
      MethodDescriptor.builder(SERVICE.name(), "call()", 1)
          .exception(IOException.class, IOException::new)
          .build();

  @Timeout(10)
  @FuzzTest
  void anyReplyEndsTheCallWithAResultOrAnExceptionTheCallerExpects(FuzzedDataProvider data) {
    int status = data.consumeInt(0, 255);
    int resultType = data.consumeInt(0, 255);
    byte[] body = data.consumeRemainingAsBytes();
    AllocationBudget.check(body.length, () -> receive(status, resultType, body));
    LeakPresenceDetector.check();
  }

  private static void receive(int status, int resultType, byte[] body) {
    ByteBuf replyBody = Unpooled.buffer(body.length).writeBytes(body);
    CompletableFuture<Object> result;
    try (ClientCall call = invokerReplying(new Response(status, replyBody)).newCall(METHOD)) {
      result = call.invokeAsync(in -> DeclaredTypes.read(in, resultType));
    }

    assertThat(replyBody.refCnt()).isEqualTo(0);
    Throwable failure = result.handle((value, thrown) -> thrown).join();
    if (status == ResponseStatus.OK) {
      if (failure != null) {
        assertUndecodable(failure);
      }
    } else if (status == ResponseStatus.APPLICATION_ERROR) {
      assertThat(failure).isNotNull();
      if (failure instanceof RpcException) {
        assertUndecodable(failure);
      } else {
        assertRebuilt(failure);
      }
    } else {
      assertThat(failure).isInstanceOf(RpcException.class);
      assertThat(((RpcException) failure).status())
          .isAnyOf(RpcStatus.fromCode(status), RpcStatus.SERIALIZATION);
    }
  }

  private static void assertUndecodable(Throwable failure) {
    assertThat(failure).isInstanceOf(RpcException.class);
    assertThat(((RpcException) failure).status()).isEqualTo(RpcStatus.SERIALIZATION);
  }

  /** What the method threw: the declared type, a well-known JDK exception, or neither. */
  private static void assertRebuilt(Throwable thrown) {
    boolean rebuilt = thrown instanceof IOException || thrown instanceof RemoteApplicationException
        || KnownExceptions.factory(thrown.getClass().getName()) != null;
    assertWithMessage("the call failed with %s", thrown).that(rebuilt).isTrue();
    assertThat(thrown.getStackTrace().length).isAtMost(ThrownException.MAX_FRAMES);
  }

  /** An invoker whose only provider answers every call with {@code reply}. */
  private static ServiceInvoker invokerReplying(Response reply) {
    CallChannel provider = new CallChannel() {
      @Override
      public CompletableFuture<Response> send(Request request) {
        request.release();
        return CompletableFuture.completedFuture(reply);
      }

      @Override
      public String address() {
        return "fuzzed";
      }

      @Override
      public void close() {}
    };
    Cluster cluster = new Cluster(SERVICE.name(), SERVICE.tag(),
        new FixedDirectory(List.of(new Provider(provider.address(), null, 1, provider))),
        LoadBalancer.roundRobin(), 0);
    return new ServiceInvoker(SERVICE, cluster, DeclaredTypes.SERIALIZER,
        ByteBufAllocator.DEFAULT, false, Duration.ofSeconds(10),
        new InterceptorChain<>(List.of(), (interceptor, call) -> { },
            (interceptor, call, outcome) -> { }));
  }
}
