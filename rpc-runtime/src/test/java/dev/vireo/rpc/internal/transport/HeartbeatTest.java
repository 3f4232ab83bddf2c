package dev.vireo.rpc.internal.transport;

import static com.google.common.truth.Truth.assertThat;

import dev.vireo.rpc.internal.protocol.FrameHeader;
import dev.vireo.rpc.internal.protocol.Frames;
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

/** Heartbeats on an idle connection and dead-peer detection, on a frozen clock. */
class HeartbeatTest {
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
  void anIdleConnectionSendsAHeartbeatAfterOneInterval() {
    channel.advanceTimeBy(INTERVAL - 1, TimeUnit.MILLISECONDS);
    channel.runPendingTasks();
    assertThat((Object) channel.readOutbound()).isNull();

    channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();

    ByteBuf heartbeat = channel.readOutbound();
    assertThat(heartbeat.getByte(FrameHeader.FLAGS_OFFSET)).isEqualTo(FrameHeader.FLAG_HEARTBEAT);
    heartbeat.release();
    assertThat(channel.isActive()).isTrue();
  }

  @Test
  void aConnectionThatKeepsWritingSendsNoHeartbeat() {
    for (int i = 0; i < 5; i++) {
      channel.writeAndFlush(Frames.heartbeat(PooledByteBufAllocator.DEFAULT, 100 + i, true));
      channel.writeInbound(Frames.heartbeat(PooledByteBufAllocator.DEFAULT, -1 - i, true));
      channel.advanceTimeBy(INTERVAL, TimeUnit.MILLISECONDS);
      channel.runScheduledPendingTasks();
      ByteBuf written = channel.readOutbound();
      assertThat(written.getLong(FrameHeader.ID_OFFSET)).isEqualTo(100 + i);
      written.release();
      assertThat((Object) channel.readOutbound()).isNull();
    }
  }

  @Test
  void theBytesOfAFrameStillArrivingKeepThePeerAlive() {
    ByteBuf frame = Frames.heartbeat(PooledByteBufAllocator.DEFAULT, -1, true);
    for (int i = 0; i < FrameHeader.SIZE - 1; i++) {
      channel.writeInbound(frame.readRetainedSlice(1));
      channel.advanceTimeBy(INTERVAL, TimeUnit.MILLISECONDS);
      channel.runScheduledPendingTasks();
      assertThat(channel.isOpen()).isTrue();
    }
    channel.writeInbound(frame);
    assertThat(channel.isOpen()).isTrue();
    releaseOutbound();
  }

  @Test
  void aHeartbeatIsAnsweredWithTheSameId() {
    channel.writeInbound(Frames.heartbeat(PooledByteBufAllocator.DEFAULT, -7, false));

    ByteBuf answer = channel.readOutbound();
    assertThat(answer.getByte(FrameHeader.FLAGS_OFFSET))
        .isEqualTo(FrameHeader.FLAG_HEARTBEAT | FrameHeader.FLAG_RESPONSE);
    assertThat(answer.getLong(FrameHeader.ID_OFFSET)).isEqualTo(-7);
    answer.release();
    assertThat((Object) channel.readInbound()).isNull();
  }

  @Test
  void aPeerSilentForThreeIntervalsIsDeclaredDead() {
    for (int i = 0; i < HeartbeatHandler.MISSED_BEFORE_DEAD; i++) {
      channel.advanceTimeBy(INTERVAL, TimeUnit.MILLISECONDS);
      channel.runScheduledPendingTasks();
      assertThat(channel.isOpen()).isEqualTo(i < HeartbeatHandler.MISSED_BEFORE_DEAD - 1);
    }
    releaseOutbound();
  }

  @Test
  void anythingReadKeepsThePeerAlive() {
    for (int i = 0; i < 10; i++) {
      channel.advanceTimeBy(INTERVAL, TimeUnit.MILLISECONDS);
      channel.runScheduledPendingTasks();
      channel.writeInbound(Frames.heartbeat(PooledByteBufAllocator.DEFAULT, -i, true));
    }
    assertThat(channel.isOpen()).isTrue();
    releaseOutbound();
  }

  private void releaseOutbound() {
    Object message;
    while ((message = channel.readOutbound()) != null) {
      ((ByteBuf) message).release();
    }
  }
}
