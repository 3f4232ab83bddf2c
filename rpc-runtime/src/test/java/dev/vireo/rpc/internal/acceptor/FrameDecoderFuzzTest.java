package dev.vireo.rpc.internal.acceptor;

import static com.google.common.truth.Truth.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vireo.rpc.internal.AllocationBudget;
import dev.vireo.rpc.internal.protocol.FrameHeader;
import dev.vireo.rpc.internal.protocol.InboundFrame;
import dev.vireo.rpc.internal.protocol.Request;
import dev.vireo.rpc.internal.protocol.Response;
import dev.vireo.rpc.internal.protocol.ResponseStatus;
import dev.vireo.rpc.internal.serialization.ForySerializer;
import dev.vireo.rpc.internal.transport.ConnectionSettings;
import dev.vireo.rpc.internal.transport.HeartbeatHandler;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.util.LeakPresenceDetector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * Any bytes a client may send, through the server's pipeline (frame decoder, heartbeats, the
 * server connection reading call prefixes): they come out as frames, or the connection is closed
 * for a {@link CorruptedFrameException} and for nothing else. The outcome does not depend on how
 * the bytes are split as they arrive, the pipeline allocates in proportion to what arrived (a
 * body size of 2^32 - 1 allocates nothing), and every buffer is released.
 */
class FrameDecoderFuzzTest {
  private static final ConnectionSettings SETTINGS = new ConnectionSettings(
      FrameHeader.DEFAULT_MAX_BODY_SIZE, Duration.ofSeconds(15), ForySerializer.ID,
      ConnectionSettings.DEFAULT_FRAME_TIMEOUT);
  private static final ServerLimits LIMITS = new ServerLimits(ServerLimits.DEFAULT_MAX_CONNECTIONS,
      ServerLimits.DEFAULT_MAX_CALLS_PER_CONNECTION, ServerLimits.defaultMaxBytesInFlight());

  @Timeout(10)
  @FuzzTest
  void anyBytesAreFramedOrCloseTheConnectionAsCorrupt(byte[] bytes) {
    Outcome whole = AllocationBudget.check(bytes.length, () -> receive(bytes, bytes.length));
    Outcome byteByByte = receive(bytes, 1);

    assertThat(byteByByte.frames()).isEqualTo(whole.frames());
    assertThat(byteByByte.open()).isEqualTo(whole.open());
    if (whole.open()) {
      assertThat(byteByByte.replies()).isEqualTo(whole.replies());
    }
    LeakPresenceDetector.check();
  }

  /** Feeds {@code bytes} to a new server connection in pieces of at most {@code piece} bytes. */
  private static Outcome receive(byte[] bytes, int piece) {
    EmbeddedChannel channel = new EmbeddedChannel();
    channel.freezeTime();
    channel.config().setAllocator(new UnpooledByteBufAllocator(false));
    Probe probe = new Probe();
    ServerConnection connection = new ServerConnection(FrameDecoderFuzzTest::answerAtOnce,
        SETTINGS, LIMITS, new BytesInFlight(LIMITS.maxBytesInFlight()));
    channel.pipeline().addLast(connection.newDecoder(), probe,
        HeartbeatHandler.every(SETTINGS.heartbeatMillis()), connection);
    for (int start = 0; start < bytes.length && channel.isOpen(); start += piece) {
      int length = Math.min(piece, bytes.length - start);
      channel.writeInbound(channel.alloc().buffer(length).writeBytes(bytes, start, length));
    }
    boolean open = channel.isOpen();
    List<String> replies = new ArrayList<>();
    for (ByteBuf reply; (reply = channel.readOutbound()) != null; reply.release()) {
      replies.add(ByteBufUtil.hexDump(reply));
    }
    channel.finishAndReleaseAll();

    if (open) {
      assertThat(probe.firstFailure).isNull();
    } else {
      assertThat(probe.firstFailure).isInstanceOf(CorruptedFrameException.class);
    }
    return new Outcome(probe.frames, open, replies);
  }

  /** A server whose every method returns at once, with nothing. */
  private static void answerAtOnce(Request request, ReplySink replies) {
    request.release();
    if (request.oneway()) {
      replies.noReply();
    } else {
      replies.reply(new Response(ResponseStatus.OK, Unpooled.EMPTY_BUFFER));
    }
  }

  /**
   * What a run produced: the frames decoded, whether the connection is still open, and the frames
   * the server wrote back.
   */
  private record Outcome(List<Decoded> frames, boolean open, List<String> replies) {}

  /** A frame as the decoder passed it on: its header's fields and its body, in hex. */
  private record Decoded(int serialization, int flags, int status, long id, long bodySize,
      boolean oversized, String body) {}

  /**
   * Sits behind the decoder and notes what it passes on: frames, and the first failure, which
   * closes the connection (what follows, such as replies that can no longer be written, does not
   * count).
   */
  private static final class Probe extends ChannelInboundHandlerAdapter {
    final List<Decoded> frames = new ArrayList<>();
    Throwable firstFailure;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
      InboundFrame frame = (InboundFrame) message;
      frames.add(new Decoded(frame.serialization(), frame.flags(), frame.status(), frame.id(),
          frame.bodySize(), frame.oversized(), ByteBufUtil.hexDump(frame.body())));
      ctx.fireChannelRead(message);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (firstFailure == null) {
        firstFailure = cause;
      }
      ctx.fireExceptionCaught(cause);
    }
  }
}
