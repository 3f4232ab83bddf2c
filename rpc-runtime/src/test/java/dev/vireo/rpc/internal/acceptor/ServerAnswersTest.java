package dev.vireo.rpc.internal.acceptor;

import static com.google.common.truth.Truth.assertThat;

import dev.vireo.rpc.RpcStatus;
import dev.vireo.rpc.internal.processor.CallProcessor;
import dev.vireo.rpc.internal.protocol.FrameHeader;
import dev.vireo.rpc.internal.protocol.Frames;
import dev.vireo.rpc.internal.protocol.Request;
import dev.vireo.rpc.internal.protocol.Response;
import dev.vireo.rpc.internal.protocol.ResponseStatus;
import dev.vireo.rpc.internal.protocol.ServiceKey;
import dev.vireo.rpc.internal.protocol.StatusError;
import dev.vireo.rpc.internal.serialization.ForySerializer;
import dev.vireo.rpc.internal.serialization.WireTypes;
import dev.vireo.rpc.internal.transport.ConnectionSettings;
import dev.vireo.rpc.internal.transport.TestFrames;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.LeakPresenceDetector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which requests a server answers, with what, and under which message id, as docs/protocol.md
 * states it: every request but a one-way one gets exactly one reply, carrying the request's id
 * whatever its value; a one-way request gets none, not even when it is refused.
 */
class ServerAnswersTest {
  private static final int LIMIT = 64;
  private static final ByteBufAllocator ALLOCATOR = PooledByteBufAllocator.DEFAULT;
  private static final ConnectionSettings SETTINGS =
      new ConnectionSettings(LIMIT, Duration.ofSeconds(10), 1, Duration.ofMinutes(1));
  private static final ServerLimits LIMITS = new ServerLimits(10, 100, 1 << 20);

  private final List<Integer> handledMethods = new ArrayList<>();
  private EmbeddedChannel channel;

  @AfterEach
  void everyBufferWasReleased() {
    channel.finishAndReleaseAll();
    LeakPresenceDetector.check();
  }

  /**
   * A connection whose service answers every request but a one-way one with a body of as many
   * bytes as the method id says.
   */
  private void serving() {
    channel = connection((request, replies) -> {
      request.release();
      if (!request.oneway()) {
        replies.reply(new Response(ResponseStatus.OK,
            ALLOCATOR.buffer().writeBytes(new byte[request.methodId()])));
      }
    });
  }

  /** A server connection handing requests to {@code handler}, noting their method ids. */
  private EmbeddedChannel connection(RequestHandler handler) {
    ServerConnection connection = new ServerConnection((request, replies) -> {
      handledMethods.add(request.methodId());
      handler.handle(request, replies);
    }, SETTINGS, LIMITS, new BytesInFlight(LIMITS.maxBytesInFlight()));
    return new EmbeddedChannel(connection.newDecoder(), connection);
  }

  /** Sends a request frame with message id {@code id} to method {@code methodId} of "s". */
  private void send(long id, int methodId, boolean oneway) {
    Request request = new Request(new ServiceKey("s", ""), methodId, oneway, 0, Map.of(),
        ALLOCATOR.buffer(0, 0));
    try {
      channel.writeInbound(Frames.request(ALLOCATOR, id, 1, request));
    } finally {
      request.release();
    }
    channel.runPendingTasks();
  }

  @Test
  void aRequestIsAnsweredUnderItsOwnIdEvenANegativeOne() {
    serving();

    send(-5, 1, false);

    ByteBuf reply = channel.readOutbound();
    assertThat(ByteBufUtil.hexDump(reply)).isEqualTo(
        "5652" + "14" + "01" + "01" + "01" + "00" + "00"
            + "fffffffffffffffb" + "00000001" + "00");
    reply.release();
  }

  @Test
  void zeroTheLowestAndTheHighestIdAreAnsweredAsAnyOther() {
    serving();
    for (long id : new long[] {0, Long.MIN_VALUE, Long.MAX_VALUE}) {
      send(id, 1, false);

      ByteBuf reply = channel.readOutbound();
      assertThat(reply.getLong(FrameHeader.ID_OFFSET)).isEqualTo(id);
      assertThat(reply.getByte(FrameHeader.STATUS_OFFSET)).isEqualTo(ResponseStatus.OK);
      reply.release();
    }
  }

  @Test
  void theServerDoesNotCheckThatIdsAreUnique() {
    serving();

    send(3, 1, false);
    send(3, 2, false);

    for (int bodySize = 1; bodySize <= 2; bodySize++) {
      ByteBuf reply = channel.readOutbound();
      assertThat(reply.getLong(FrameHeader.ID_OFFSET)).isEqualTo(3);
      assertThat(reply.getInt(FrameHeader.BODY_SIZE_OFFSET)).isEqualTo(bodySize);
      reply.release();
    }
  }

  @Test
  void aOneWayRequestOverTheLimitGetsNoReplyAndTheConnectionCarriesOn() {
    serving();
    ByteBuf oversized = TestFrames.frame(41, LIMIT + 1);
    oversized.setByte(FrameHeader.FLAGS_OFFSET, FrameHeader.FLAG_ONEWAY);

    channel.writeInbound(oversized);
    channel.runPendingTasks();
    assertThat((Object) channel.readOutbound()).isNull();

    send(42, 2, false);
    ByteBuf next = channel.readOutbound();
    assertThat(next.getLong(FrameHeader.ID_OFFSET)).isEqualTo(42);
    next.release();
    assertThat(handledMethods).containsExactly(2);
  }

  @Test
  void aMalformedOneWayRequestGetsNoReply() {
    serving();
    ByteBuf malformed = TestFrames.frame(43, 3);
    malformed.setByte(FrameHeader.FLAGS_OFFSET, FrameHeader.FLAG_ONEWAY);

    channel.writeInbound(malformed);
    channel.runPendingTasks();

    assertThat((Object) channel.readOutbound()).isNull();
    assertThat(handledMethods).isEmpty();
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void aRequestForAServiceNotExportedIsAnsweredServiceNotFoundUnlessItIsOneWay() {
    channel = connection(new CallProcessor(new ForySerializer(new WireTypes()), ALLOCATOR,
        List.of(), false));

    send(44, 1, true);
    assertThat((Object) channel.readOutbound()).isNull();

    send(45, 1, false);
    ByteBuf reply = channel.readOutbound();
    assertThat(reply.getLong(FrameHeader.ID_OFFSET)).isEqualTo(45);
    StatusError error = errorOf(reply);
    assertThat(error.status()).isEqualTo(RpcStatus.SERVICE_NOT_FOUND);
    assertThat(error.mayHaveRun()).isFalse();
  }

  @Test
  void aReplyBodyOfExactlyTheLimitIsSentAndOneByteMoreIsReplacedBySerialization() {
    serving();

    send(46, LIMIT, false);
    ByteBuf atTheLimit = channel.readOutbound();
    assertThat(atTheLimit.getByte(FrameHeader.STATUS_OFFSET)).isEqualTo(ResponseStatus.OK);
    assertThat(atTheLimit.getInt(FrameHeader.BODY_SIZE_OFFSET)).isEqualTo(LIMIT);
    atTheLimit.release();

    send(47, LIMIT + 1, false);
    ByteBuf overTheLimit = channel.readOutbound();
    assertThat(overTheLimit.getLong(FrameHeader.ID_OFFSET)).isEqualTo(47);
    StatusError error = errorOf(overTheLimit);
    assertThat(error.status()).isEqualTo(RpcStatus.SERIALIZATION);
    assertThat(error.mayHaveRun()).isTrue();
    assertThat(error.message()).contains("65 bytes exceeds the limit of 64 bytes");
  }

  @Test
  void unknownFlagBitsAStatusAndAReservedByteInARequestAreIgnored() {
    serving();
    Request request = new Request(new ServiceKey("s", ""), 1, false, 0, Map.of(),
        ALLOCATOR.buffer(0, 0));
    ByteBuf frame = Frames.request(ALLOCATOR, 48, 1, request);
    request.release();
    frame.setByte(FrameHeader.FLAGS_OFFSET, 0x80);
    frame.setByte(FrameHeader.STATUS_OFFSET, 0x05);
    frame.setByte(FrameHeader.STATUS_OFFSET + 1, 0xff); // the reserved byte

    channel.writeInbound(frame);
    channel.runPendingTasks();

    ByteBuf reply = channel.readOutbound();
    assertThat(reply.getLong(FrameHeader.ID_OFFSET)).isEqualTo(48);
    assertThat(reply.getByte(FrameHeader.STATUS_OFFSET)).isEqualTo(ResponseStatus.OK);
    reply.release();
  }

  @Test
  void aFrameFlaggedAsAReplyIsIgnoredByTheServer() {
    serving();
    ByteBuf reply = TestFrames.frame(49, 0);
    reply.setByte(FrameHeader.FLAGS_OFFSET, FrameHeader.FLAG_RESPONSE);

    channel.writeInbound(reply);
    channel.runPendingTasks();

    assertThat((Object) channel.readOutbound()).isNull();
    assertThat(handledMethods).isEmpty();
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void aGoingAwayFrameFromAClientIsIgnored() {
    serving();
    ByteBuf goingAway = TestFrames.frame(51, 0);
    goingAway.setByte(FrameHeader.FLAGS_OFFSET, FrameHeader.FLAG_GOAWAY);

    channel.writeInbound(goingAway);
    channel.runPendingTasks();

    assertThat((Object) channel.readOutbound()).isNull();
    assertThat(handledMethods).isEmpty();
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void aHeaderSizeBelowTwentyClosesTheConnection() {
    serving();
    ByteBuf frame = TestFrames.frame(50, 0);
    frame.setByte(FrameHeader.SIZE_OFFSET, FrameHeader.SIZE - 1);

    channel.writeInbound(frame);

    assertThat(channel.isOpen()).isFalse();
  }

  /** Reads the status error of a reply frame, releasing the frame. */
  private static StatusError errorOf(ByteBuf reply) {
    Response response = new Response(reply.getUnsignedByte(FrameHeader.STATUS_OFFSET),
        reply.retainedSlice(FrameHeader.SIZE, reply.readableBytes() - FrameHeader.SIZE));
    reply.release();
    try {
      return StatusError.read(response);
    } finally {
      response.release();
    }
  }
}
