package dev.vireo.rpc.internal.transport;

import static com.google.common.truth.Truth.assertThat;

import dev.vireo.rpc.internal.protocol.FrameHeader;
import dev.vireo.rpc.internal.protocol.Frames;
import dev.vireo.rpc.internal.protocol.InboundFrame;
import dev.vireo.rpc.internal.protocol.Request;
import dev.vireo.rpc.internal.protocol.RequestReader;
import dev.vireo.rpc.internal.protocol.Response;
import dev.vireo.rpc.internal.protocol.ServiceKey;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.LeakPresenceDetector;
import java.util.Map;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Frames byte for byte, as docs/protocol.md states them, and how they are split apart. */
class FrameCodecTest {
  private static final ByteBufAllocator ALLOCATOR = PooledByteBufAllocator.DEFAULT;

  private final EmbeddedChannel channel =
      new EmbeddedChannel(new FrameDecoder(64, Set.of(1), Duration.ofMinutes(1)));

  @AfterEach
  void everyBufferWasReleased() {
    channel.finishAndReleaseAll();
    LeakPresenceDetector.check();
  }

  @Test
  void aRequestFrameIsHeaderCallPrefixAndArguments() {
    Request request = new Request(new ServiceKey("s", "v2"), 0x01020304, false, 1_000_000,
        Map.of("k", "v"), ALLOCATOR.buffer().writeByte(0x2a));
    ByteBuf frame = Frames.request(ALLOCATOR, 7, 1, request);
    request.release();
    try {
      assertThat(ByteBufUtil.hexDump(frame)).isEqualTo(
          "5652" + "14" + "01" + "01" + "00" + "00" + "00"   // magic, hsize 20, v1, ser 1
              + "0000000000000007"                          // message id
              + "0000001c"                                  // body size 28
              + "0001" + "73" + "0002" + "7632"             // "s", "v2"
              + "01020304"                                  // method id
              + "00000000000f4240"                          // timeout 1 s in micros
              + "0001" + "0001" + "6b" + "0001" + "76"      // one attachment k=v
              + "2a");                                      // the arguments
    } finally {
      frame.release();
    }
  }

  @Test
  void aReplyFrameCarriesResponseFlagAndStatus() {
    Response response = new Response(0, ALLOCATOR.buffer().writeByte(0x2a));
    ByteBuf frame = Frames.response(ALLOCATOR, 7, 1, response);
    response.release();
    try {
      assertThat(ByteBufUtil.hexDump(frame))
          .isEqualTo("5652" + "14" + "01" + "01" + "01" + "00" + "00" + "0000000000000007"
              + "00000001" + "2a");
    } finally {
      frame.release();
    }
  }

  @Test
  void aGoingAwayNoticeIsAHeaderWithItsOwnFlagAndNothingElse() {
    ByteBuf notice = Frames.goAway(ALLOCATOR);
    try {
      assertThat(ByteBufUtil.hexDump(notice))
          .isEqualTo("5652" + "14" + "01" + "00" + "08" + "00" + "00" + "0000000000000000"
              + "00000000");
    } finally {
      notice.release();
    }
  }

  @Test
  void aGoingAwayNoticeIsDecodedThoughItNamesNoSerialization() {
    EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(64, Set.of(1), Duration.ofMinutes(1)));

    channel.writeInbound(Frames.goAway(ALLOCATOR));

    InboundFrame frame = channel.readInbound();
    assertThat(frame.isGoAway()).isTrue();
    assertThat(frame.bodySize()).isEqualTo(0);
    frame.release();
    assertThat(channel.finish()).isFalse();
  }

  @Test
  void heartbeatsHaveNoBodyAndTheirOwnFlag() {
    ByteBuf ping = Frames.heartbeat(ALLOCATOR, -1, false);
    ByteBuf pong = Frames.heartbeat(ALLOCATOR, -1, true);
    try {
      assertThat(ByteBufUtil.hexDump(ping))
          .isEqualTo("5652140100040000ffffffffffffffff00000000");
      assertThat(ByteBufUtil.hexDump(pong))
          .isEqualTo("5652140100050000ffffffffffffffff00000000");
    } finally {
      ping.release();
      pong.release();
    }
  }

  @Test
  void aRequestSurvivesTheRoundTripEvenWhenItArrivesByteByByte() {
    Request sent = new Request(new ServiceKey("svc", ""), 42, true, 5, Map.of("a", "b"),
        ALLOCATOR.buffer().writeInt(99));
    ByteBuf frame = Frames.request(ALLOCATOR, 3, 1, sent);
    sent.release();
    while (frame.isReadable()) {
      channel.writeInbound(frame.readRetainedSlice(1));
    }
    frame.release();

    InboundFrame inbound = channel.readInbound();
    Request received = new RequestReader().read(inbound);
    try {
      assertThat(inbound.id()).isEqualTo(3);
      assertThat(inbound.isOneway()).isTrue();
      assertThat(received.service()).isEqualTo(new ServiceKey("svc", ""));
      assertThat(received.methodId()).isEqualTo(42);
      assertThat(received.timeoutMicros()).isEqualTo(5);
      assertThat(received.attachments()).containsExactly("a", "b");
      assertThat(received.body().readInt()).isEqualTo(99);
    } finally {
      received.release();
    }
  }

  @Test
  void aBodyOverTheLimitIsSkippedAndReportedForItsIdAlone() {
    ByteBuf big = TestFrames.frame(9, 100);
    ByteBuf next = TestFrames.frame(10, 4);
    channel.writeInbound(big.readRetainedSlice(FrameHeader.SIZE + 10));
    InboundFrame oversized = channel.readInbound();
    assertThat(oversized.oversized()).isTrue();
    assertThat(oversized.id()).isEqualTo(9);
    assertThat(oversized.bodySize()).isEqualTo(100);

    channel.writeInbound(big.readRetainedSlice(big.readableBytes()), next);
    big.release();
    InboundFrame following = channel.readInbound();
    assertThat(following.id()).isEqualTo(10);
    assertThat(following.body().readableBytes()).isEqualTo(4);
    following.release();
    assertThat(channel.isActive()).isTrue();
  }

  @Test
  void aLongerHeaderFromALaterVersionIsSkippedPastItsExtensions() {
    ByteBuf frame = TestFrames.frame(5, 2);
    ByteBuf extended = ALLOCATOR.buffer();
    extended.writeBytes(frame, 0, FrameHeader.SIZE);
    extended.setByte(FrameHeader.SIZE_OFFSET, FrameHeader.SIZE + 3);
    extended.writeBytes(new byte[] {1, 2, 3});
    extended.writeBytes(frame, FrameHeader.SIZE, 2);
    frame.release();

    channel.writeInbound(extended);

    InboundFrame inbound = channel.readInbound();
    assertThat(inbound.body().readableBytes()).isEqualTo(2);
    inbound.release();
  }

  /** A request frame with message id {@code id} and a body of {@code size} zero bytes. */
}
