package dev.vireo.rpc.internal.transport;

import static com.google.common.truth.Truth.assertThat;

import dev.vireo.rpc.internal.protocol.FrameHeader;
import dev.vireo.rpc.internal.protocol.InboundFrame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.LeakPresenceDetector;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A frame must arrive whole within the frame timeout of its first byte, each frame on its own
 * clock; a decoded body holds only its own bytes, never the buffer it arrived in; and a server
 * holds no body but a request's.
 */
class FrameDecoderLimitsTest {
  private static final int LIMIT = 1024;
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private EmbeddedChannel channel;

  @BeforeEach
  void pipeline() {
    channel = new EmbeddedChannel();
    channel.freezeTime();
    channel.pipeline().addLast(new FrameDecoder(LIMIT, Set.of(1), TIMEOUT));
  }

  @AfterEach
  void everyBufferWasReleased() {
    channel.finishAndReleaseAll();
    LeakPresenceDetector.check();
  }

  @Test
  void aFrameTrickledInForLongerThanTheTimeoutClosesTheConnection() {
    ByteBuf frame = TestFrames.frame(1, 100);
    for (int second = 0; second < 40 && channel.isOpen(); second++) {
      channel.writeInbound(frame.readRetainedSlice(1));
      passSeconds(1);
    }
    frame.release();

    assertThat(channel.isOpen()).isFalse();
    assertThat((Object) channel.readInbound()).isNull();
  }

  @Test
  void aSlowFrameThatArrivesWithinTheTimeoutIsDecoded() {
    ByteBuf frame = TestFrames.frame(2, 100);
    channel.writeInbound(frame.readRetainedSlice(10));
    passSeconds(TIMEOUT.toSeconds() - 1);
    channel.writeInbound(frame);

    InboundFrame decoded = channel.readInbound();
    assertThat(decoded.id()).isEqualTo(2);
    decoded.release();
    passSeconds(TIMEOUT.toSeconds() * 2);
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void eachFrameHasTheWholeTimeoutFromItsOwnFirstByte() {
    ByteBuf first = TestFrames.frame(3, 50);
    ByteBuf second = TestFrames.frame(4, 50);
    channel.writeInbound(first.readRetainedSlice(10));
    passSeconds(20);
    channel.writeInbound(Unpooled.wrappedBuffer(first, second.readRetainedSlice(10)));
    passSeconds(20);
    assertThat(channel.isOpen()).isTrue();

    channel.writeInbound(second);
    for (long id = 3; id <= 4; id++) {
      InboundFrame decoded = channel.readInbound();
      assertThat(decoded.id()).isEqualTo(id);
      decoded.release();
    }
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void anOversizedBodyBeingSkippedIsTimedToo() {
    ByteBuf frame = TestFrames.frame(5, LIMIT + 100);
    channel.writeInbound(frame.readRetainedSlice(LIMIT));
    frame.release();
    InboundFrame oversized = channel.readInbound();
    assertThat(oversized.oversized()).isTrue();

    passSeconds(TIMEOUT.toSeconds());

    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void aDecodedBodyDoesNotHoldTheBufferItArrivedIn() {
    ByteBuf frame = TestFrames.frame(6, 10);
    ByteBuf read = Unpooled.buffer(4096).writeBytes(frame);
    frame.release();

    channel.writeInbound(read);

    InboundFrame decoded = channel.readInbound();
    assertThat(decoded.body().readableBytes()).isEqualTo(10);
    assertThat(read.refCnt()).isEqualTo(0);
    decoded.release();
  }

  @Test
  void aServerSkipsTheBodyOfAnythingButARequestAsItArrives() {
    EmbeddedChannel server =
        new EmbeddedChannel(new FrameDecoder(LIMIT, Set.of(1), TIMEOUT, FrameAdmission.ALL));
    for (int flags : new int[] {FrameHeader.FLAG_RESPONSE, FrameHeader.FLAG_HEARTBEAT,
        FrameHeader.FLAG_CANCEL, FrameHeader.FLAG_GOAWAY}) {
      ByteBuf frame = TestFrames.frame(7, flags, LIMIT);
      server.writeInbound(frame.readRetainedSlice(FrameHeader.SIZE + 10));

      InboundFrame skipped = server.readInbound();
      assertThat(skipped.flags()).isEqualTo(flags);
      assertThat(skipped.oversized()).isTrue();
      assertThat(skipped.body().readableBytes()).isEqualTo(0);
      skipped.release();
      server.writeInbound(Unpooled.wrappedBuffer(frame, TestFrames.frame(8, 10)));
      InboundFrame request = server.readInbound();
      assertThat(request.id()).isEqualTo(8);
      assertThat(request.body().readableBytes()).isEqualTo(10);
      request.release();
    }
    server.finishAndReleaseAll();
  }

  @Test
  void aClientHoldsTheBodyOfAReply() {
    channel.writeInbound(TestFrames.frame(9, FrameHeader.FLAG_RESPONSE, LIMIT));

    InboundFrame reply = channel.readInbound();
    assertThat(reply.oversized()).isFalse();
    assertThat(reply.body().readableBytes()).isEqualTo(LIMIT);
    reply.release();
  }

  private void passSeconds(long seconds) {
    channel.advanceTimeBy(seconds, TimeUnit.SECONDS);
    channel.runScheduledPendingTasks();
  }
}
