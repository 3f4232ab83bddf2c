package dev.vireo.rpc.internal.protocol;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.LeakPresenceDetector;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Requests read back off frames, by one connection's reader, which remembers its last key. */
class RequestReaderTest {
  private static final ByteBufAllocator ALLOCATOR = PooledByteBufAllocator.DEFAULT;

  private final RequestReader reader = new RequestReader();

  @AfterEach
  void everyBufferWasReleased() {
    LeakPresenceDetector.check();
  }

  @Test
  void eachRequestGetsTheKeyItNamesWhateverCameBefore() {
    ServiceKey[] sent = {
        new ServiceKey("svc", ""), new ServiceKey("svc", ""), new ServiceKey("svc", "a"),
        new ServiceKey("svd", ""), new ServiceKey("svc", ""), new ServiceKey("svc", "a")};
    for (int i = 0; i < sent.length; i++) {
      Request received = reader.read(inbound(sent[i], i));
      try {
        assertThat(received.service()).isEqualTo(sent[i]);
        assertThat(received.methodId()).isEqualTo(i);
        assertThat(received.body().readInt()).isEqualTo(1000 + i);
      } finally {
        received.release();
      }
    }
  }

  @Test
  void aRepeatedKeyIsNotDecodedAgain() {
    Request first = reader.read(inbound(new ServiceKey("svc", "t"), 1));
    Request second = reader.read(inbound(new ServiceKey("svc", "t"), 2));
    first.release();
    second.release();
    assertThat(second.service()).isSameInstanceAs(first.service());
  }

  @Test
  void theRequestTakesOverTheFramesBody() {
    InboundFrame frame = inbound(new ServiceKey("svc", ""), 1);
    Request request = reader.read(frame);
    assertThat(frame.body().refCnt()).isEqualTo(1);
    request.release();
    assertThat(frame.body().refCnt()).isEqualTo(0);
  }

  @Test
  void aPrefixCutShortIsRefusedAndItsFrameReleased() {
    InboundFrame whole = inbound(new ServiceKey("a-long-service-name", ""), 1);
    for (int length : new int[] {0, 1, 5, 23, 30}) {
      ByteBuf cut = whole.body().retainedSlice(whole.body().readerIndex(), length);
      InboundFrame frame = new InboundFrame(1, 0, 0, 9, length, false, cut);
      IllegalArgumentException refused =
          assertThrows(IllegalArgumentException.class, () -> reader.read(frame));
      assertThat(refused).hasMessageThat().contains("call prefix");
      assertThat(cut.refCnt()).isEqualTo(0);
    }
    whole.release();
  }

  @Test
  void tooManyAttachmentsOrTooManyOfTheirBytesAreRefusedBeforeBeingDecoded() {
    for (int[] attachments : new int[][] {{Frames.MAX_ATTACHMENTS + 1, 1}, {2, 9_000}}) {
      ByteBuf body = ALLOCATOR.buffer();
      body.writeShort(3).writeBytes("svc".getBytes(StandardCharsets.UTF_8)).writeShort(0)
          .writeInt(1).writeLong(0).writeShort(attachments[0]);
      for (int i = 0; i < attachments[0]; i++) {
        body.writeShort(1).writeByte('k');
        body.writeShort(attachments[1]).writeZero(attachments[1]);
      }
      InboundFrame frame = new InboundFrame(1, 0, 0, 7, body.readableBytes(), false, body);

      IllegalArgumentException refused =
          assertThrows(IllegalArgumentException.class, () -> reader.read(frame));

      assertThat(refused).hasMessageThat().contains("attachments");
      assertThat(body.refCnt()).isEqualTo(0);
    }
  }

  @Test
  void aClientDoesNotFrameMoreAttachmentsThanAServerAccepts() {
    Map<String, String> many = new HashMap<>();
    for (int i = 0; i <= Frames.MAX_ATTACHMENTS; i++) {
      many.put("k" + i, "v");
    }
    Request request = new Request(new ServiceKey("svc", ""), 1, false, 0, many,
        ALLOCATOR.buffer().writeInt(1));
    try {
      assertThrows(IllegalArgumentException.class,
          () -> Frames.request(ALLOCATOR, 1, 1, request));
    } finally {
      request.release();
    }
  }

  /** The frame a client would send for this key, as the frame decoder hands it on. */
  private static InboundFrame inbound(ServiceKey key, int methodId) {
    Request request = new Request(key, methodId, false, 0, Map.of(),
        ALLOCATOR.buffer().writeInt(1000 + methodId));
    ByteBuf frame = Frames.request(ALLOCATOR, methodId, 1, request);
    request.release();
    frame.skipBytes(FrameHeader.SIZE);
    return new InboundFrame(1, 0, 0, methodId, frame.readableBytes(), false, frame);
  }
}
