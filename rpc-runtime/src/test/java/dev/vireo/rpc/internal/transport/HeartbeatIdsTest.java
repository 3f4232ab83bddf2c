package dev.vireo.rpc.internal.transport;

import static com.google.common.truth.Truth.assertThat;

import dev.vireo.rpc.internal.protocol.FrameHeader;
import dev.vireo.rpc.internal.protocol.Frames;
import dev.vireo.rpc.internal.protocol.InboundFrame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.LeakPresenceDetector;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The message ids of heartbeats, as docs/protocol.md states them: Vireo's own count down from -1,
 * and a heartbeat is told from a call by its flag, never by its id.
 */
class HeartbeatIdsTest {
  private static final long INTERVAL = 1_000;

  private EmbeddedChannel channel;

  @BeforeEach
  void pipeline() {
    channel = new EmbeddedChannel();
    channel.freezeTime();
    channel.pipeline().addLast(
        new FrameDecoder(1024, Set.of(1), Duration.ofMinutes(1)), HeartbeatHandler.every(INTERVAL));
  }

  @AfterEach
  void everyBufferWasReleased() {
    channel.finishAndReleaseAll();
    LeakPresenceDetector.check();
  }

  @Test
  void vireoNumbersItsHeartbeatsMinusOneMinusTwoAndSoOn() {
    for (long expected = -1; expected >= -3; expected--) {
      channel.writeInbound(Frames.heartbeat(PooledByteBufAllocator.DEFAULT, 1, true));
      channel.advanceTimeBy(INTERVAL, TimeUnit.MILLISECONDS);
      channel.runScheduledPendingTasks();

      ByteBuf heartbeat = channel.readOutbound();
      assertThat(heartbeat.getLong(FrameHeader.ID_OFFSET)).isEqualTo(expected);
      heartbeat.release();
    }
  }

  @Test
  void aHeartbeatAnswerWithTheIdOfACallIsNotTakenForItsReply() {
    channel.writeInbound(Frames.heartbeat(PooledByteBufAllocator.DEFAULT, 1, true));

    assertThat((Object) channel.readInbound()).isNull();
  }

  @Test
  void aReplyWithTheIdOfAHeartbeatIsPassedOnAsAReply() {
    ByteBuf reply = TestFrames.frame(-1, 0);
    reply.setByte(FrameHeader.FLAGS_OFFSET, FrameHeader.FLAG_RESPONSE);

    channel.writeInbound(reply);

    InboundFrame passedOn = channel.readInbound();
    assertThat(passedOn.isResponse()).isTrue();
    assertThat(passedOn.id()).isEqualTo(-1);
    passedOn.release();
    assertThat((Object) channel.readOutbound()).isNull();
  }
}
