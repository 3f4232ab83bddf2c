package dev.vireo.rpc.internal.acceptor;

import dev.vireo.rpc.internal.transport.ConnectionSettings;
import dev.vireo.rpc.internal.transport.FrameDecoder;
import dev.vireo.rpc.internal.transport.TestFrames;
import static com.google.common.truth.Truth.assertThat;

import dev.vireo.rpc.RpcStatus;
import dev.vireo.rpc.internal.protocol.FrameHeader;
import dev.vireo.rpc.internal.protocol.Request;
import dev.vireo.rpc.internal.protocol.Response;
import dev.vireo.rpc.internal.protocol.StatusError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.LeakPresenceDetector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A server connection fails closed on bytes it cannot trust, and answers a request it will not
 * take (too large, malformed) for that message id alone, carrying on with the others.
 */
class ServerConnectionTest {
  private static final int LIMIT = 64;

  private final List<Request> handled = new ArrayList<>();
  private EmbeddedChannel channel;

  @BeforeEach
  void pipeline() {
    ConnectionSettings settings = new ConnectionSettings(LIMIT, Duration.ofSeconds(10), 1);
    channel = new EmbeddedChannel(new FrameDecoder(LIMIT, Set.of(1)),
        new ServerConnection((request, replies) -> handled.add(request), settings));
  }

  @AfterEach
  void everyBufferWasReleased() {
    handled.forEach(Request::release);
    channel.finishAndReleaseAll();
    LeakPresenceDetector.check();
  }

  @Test
  void aClientThatStopsReadingItsRepliesIsNotReadFromUntilItCatchesUp() {
    assertThat(channel.config().isAutoRead()).isTrue();

    channel.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
    channel.runPendingTasks();
    assertThat(channel.isWritable()).isFalse();
    assertThat(channel.config().isAutoRead()).isFalse();

    channel.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
    channel.runPendingTasks();
    assertThat(channel.config().isAutoRead()).isTrue();
  }

  @Test
  void aWrongMagicClosesTheConnection() {
    channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {'G', 'E', 'T', ' ', '/'}));

    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void anUnknownVersionClosesTheConnection() {
    ByteBuf frame = TestFrames.frame(1, 0);
    frame.setByte(FrameHeader.VERSION_OFFSET, 9);

    channel.writeInbound(frame);

    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void aSerializationTypeTheServerDoesNotAcceptClosesTheConnection() {
    ByteBuf frame = TestFrames.frame(1, 0);
    frame.setByte(FrameHeader.SERIALIZATION_OFFSET, 7);

    channel.writeInbound(frame);

    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void aRequestOverTheLimitIsAnsweredWithBadRequestAndTheConnectionCarriesOn() {
    channel.writeInbound(TestFrames.frame(41, LIMIT + 1));
    channel.runPendingTasks();

    ByteBuf reply = channel.readOutbound();
    assertThat(reply.getLong(FrameHeader.ID_OFFSET)).isEqualTo(41);
    assertThat(reply.getByte(FrameHeader.STATUS_OFFSET)).isEqualTo(RpcStatus.BAD_REQUEST.code());
    StatusError error = errorOf(reply);
    assertThat(error.message()).contains("65 bytes exceeds the limit of 64 bytes");
    assertThat(error.mayHaveRun()).isFalse();
    assertThat(channel.isOpen()).isTrue();
    assertThat(handled).isEmpty();
  }

  @Test
  void aMalformedCallPrefixIsAnsweredWithBadRequest() {
    channel.writeInbound(TestFrames.frame(42, 3));
    channel.runPendingTasks();

    ByteBuf reply = channel.readOutbound();
    assertThat(reply.getLong(FrameHeader.ID_OFFSET)).isEqualTo(42);
    assertThat(errorOf(reply).message()).contains("malformed request");
    assertThat(channel.isOpen()).isTrue();
  }

  /** Reads the status error of a reply frame, releasing the frame. */
  private static StatusError errorOf(ByteBuf reply) {
    int status = reply.getUnsignedByte(FrameHeader.STATUS_OFFSET);
    Response response = new Response(status, reply.retainedSlice(FrameHeader.SIZE,
        reply.readableBytes() - FrameHeader.SIZE));
    reply.release();
    try {
      return StatusError.read(response);
    } finally {
      response.release();
    }
  }
}
