package dev.vireo.rpc.internal.transport;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vireo.rpc.RpcStatus;
import dev.vireo.rpc.internal.protocol.Bodies;
import dev.vireo.rpc.internal.protocol.FrameHeader;
import dev.vireo.rpc.internal.protocol.Frames;
import dev.vireo.rpc.internal.protocol.InboundFrame;
import dev.vireo.rpc.internal.protocol.Request;
import dev.vireo.rpc.internal.protocol.RequestReader;
import dev.vireo.rpc.internal.protocol.Response;
import dev.vireo.rpc.internal.protocol.ResponseStatus;
import dev.vireo.rpc.internal.protocol.ServiceKey;
import dev.vireo.rpc.internal.protocol.StatusError;
import dev.vireo.rpc.internal.protocol.ThrownException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.LeakPresenceDetector;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
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
  void aRequestBodyWithRoomForItsHeadBeforeItBecomesItsOwnFrame() {
    ServiceKey service = new ServiceKey("s", "v2");
    Map<String, String> attachments = Map.of("k", "v");
    int room = Frames.requestHeadroom(service, attachments);
    ByteBuf body = Bodies.ALLOCATOR.heapBuffer(room + 1);
    body.setIndex(room, room).writeByte(0x2a);
    Request request = new Request(service, 0x01020304, false, 1_000_000, attachments, body);
    ByteBuf frame = Frames.request(ALLOCATOR, 7, 1, request);
    request.release();
    try {
      assertThat(room).isEqualTo(FrameHeader.SIZE + 27);
      assertThat(frame).isSameInstanceAs(body);
      assertThat(frame.refCnt()).isEqualTo(1);
      assertThat(ByteBufUtil.hexDump(frame)).isEqualTo(
          "5652" + "14" + "01" + "01" + "00" + "00" + "00" + "0000000000000007" + "0000001c"
              + "0001" + "73" + "0002" + "7632" + "01020304" + "00000000000f4240"
              + "0001" + "0001" + "6b" + "0001" + "76" + "2a");
    } finally {
      frame.release();
    }
  }

  @Test
  void aRequestBodyHeldElsewhereTooIsCopiedAndItsRoomLeftAsItWas() {
    ServiceKey service = new ServiceKey("s", "");
    int room = Frames.requestHeadroom(service, Map.of());
    ByteBuf body = ALLOCATOR.heapBuffer(room + 1).setZero(0, room);
    body.setIndex(room, room).writeByte(0x2a);
    // What a cluster that may retry sends: a slice of a body it keeps for the next try...
    assertCopiedWithRoomUntouched(body, body.retainedSlice());
    // ...a body someone else also holds...
    assertCopiedWithRoomUntouched(body, body.retain());
    // ...and a view of it with its own count, as pooled buffers make them.
    ByteBuf view = body.retainedDuplicate();
    assertThat(view.refCnt()).isEqualTo(1);
    assertCopiedWithRoomUntouched(body, view);
    body.release();
  }

  private static void assertCopiedWithRoomUntouched(ByteBuf body, ByteBuf sent) {
    int room = body.readerIndex();
    Request request = new Request(new ServiceKey("s", ""), 5, false, 1, Map.of(), sent);
    ByteBuf frame = Frames.request(ALLOCATOR, 7, 1, request);
    request.release();
    try {
      assertThat(frame).isNotSameInstanceAs(sent);
      assertThat(frame.readableBytes()).isEqualTo(room + 1);
      assertThat(frame.getByte(frame.writerIndex() - 1)).isEqualTo((byte) 0x2a);
      assertThat(body.readerIndex()).isEqualTo(room);
      assertThat(ByteBufUtil.hexDump(body, 0, room)).isEqualTo("00".repeat(room));
    } finally {
      frame.release();
    }
  }

  @Test
  void aRequestRefusedWhileItsHeadIsWrittenIntoItsBodysRoomLeavesTheBodyAsItWas() {
    Map<String, String> tooMany = new HashMap<>();
    for (int i = 0; i <= Frames.MAX_ATTACHMENTS; i++) {
      tooMany.put("k" + i, "v");
    }
    ServiceKey service = new ServiceKey("s", "");
    int room = Frames.requestHeadroom(service, tooMany);
    ByteBuf body = Bodies.ALLOCATOR.heapBuffer(room + 1);
    body.setIndex(room, room).writeByte(0x2a);
    Request request = new Request(service, 5, false, 1, tooMany, body);
    try {
      assertThrows(IllegalArgumentException.class,
          () -> Frames.request(ALLOCATOR, 7, 1, request));
      assertThat(body.refCnt()).isEqualTo(1);
      assertThat(body.readerIndex()).isEqualTo(room);
      assertThat(body.readableBytes()).isEqualTo(1);
    } finally {
      request.release();
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
  void aReplyBodyWithRoomForTheHeaderBeforeItBecomesItsOwnFrame() {
    ByteBuf body = ALLOCATOR.directBuffer(FrameHeader.SIZE + 2);
    body.setIndex(FrameHeader.SIZE, FrameHeader.SIZE).writeByte(0x2a).writeByte(0x2b);
    Response response = new Response(3, body);
    ByteBuf frame = Frames.response(ALLOCATOR, 7, 1, response);
    response.release();
    try {
      assertThat(frame).isSameInstanceAs(body);
      assertThat(frame.refCnt()).isEqualTo(1);
      assertThat(ByteBufUtil.hexDump(frame))
          .isEqualTo("5652" + "14" + "01" + "01" + "01" + "03" + "00" + "0000000000000007"
              + "00000002" + "2a2b");
    } finally {
      frame.release();
    }
  }

  @Test
  void aReplyBodyWithOtherRoomBeforeItIsCopiedIntoAFrame() {
    ByteBuf body = ALLOCATOR.directBuffer(FrameHeader.SIZE + 5);
    body.setIndex(FrameHeader.SIZE + 4, FrameHeader.SIZE + 4).writeByte(0x2a);
    Response response = new Response(0, body);
    ByteBuf frame = Frames.response(ALLOCATOR, 7, 1, response);
    response.release();
    try {
      assertThat(frame).isNotSameInstanceAs(body);
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
    EmbeddedChannel channel =
        new EmbeddedChannel(new FrameDecoder(64, Set.of(1), Duration.ofMinutes(1)));

    channel.writeInbound(Frames.goAway(ALLOCATOR));

    InboundFrame frame = channel.readInbound();
    assertThat(frame.isGoAway()).isTrue();
    assertThat(frame.bodySize()).isEqualTo(0);
    frame.release();
    assertThat(channel.finish()).isFalse();
  }

  @Test
  void aCancelIsItsFlagAndTheCallsIdWithTheConnectionsSerializationAndNoBody() {
    ByteBuf cancel = Frames.cancel(ALLOCATOR, 7, 1);
    try {
      assertThat(ByteBufUtil.hexDump(cancel))
          .isEqualTo("5652" + "14" + "01" + "01" + "10" + "00" + "00" + "0000000000000007"
              + "00000000");
    } finally {
      cancel.release();
    }
  }

  @Test
  void aCancelIsDecodedAsAControlFrameWhateverItsSerialization() {
    EmbeddedChannel channel =
        new EmbeddedChannel(new FrameDecoder(64, Set.of(1), Duration.ofMinutes(1)));

    channel.writeInbound(Frames.cancel(ALLOCATOR, 9, 0));

    InboundFrame frame = channel.readInbound();
    assertThat(frame.isCancel()).isTrue();
    assertThat(frame.id()).isEqualTo(9);
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
  void aRequestFrameIsBuiltInABufferOfItsExactSizeWhichNeverGrows() {
    Request request = new Request(new ServiceKey("dev.vireo.example.catalogue.ProductService", "été"),
        7, false, 1_000, Map.of("trace-id", "4bf92f3577b34da6a3ce929d0e0e4736", "clé", "vålue"),
        Unpooled.wrappedBuffer(new byte[1]));
    ByteBuf frame = Frames.request(ALLOCATOR, 1, 1, request);
    request.release();
    try {
      assertThat(frame.capacity()).isEqualTo(frame.readableBytes());
    } finally {
      frame.release();
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
  void aFramesBodyIsHandedOnAsAHeapCopyThatOwesNothingToThePool() {
    Response sent = new Response(0, ALLOCATOR.directBuffer().writeLong(0x0102030405060708L));
    ByteBuf frame = Frames.response(ALLOCATOR, 5, 1, sent);
    sent.release();
    channel.writeInbound(frame);

    InboundFrame inbound = channel.readInbound();
    try {
      assertThat(inbound.body().hasArray()).isTrue();
      assertThat(inbound.body().isDirect()).isFalse();
      assertThat(inbound.body().alloc()).isNotSameInstanceAs(channel.alloc());
      assertThat(inbound.body().readLong()).isEqualTo(0x0102030405060708L);
    } finally {
      inbound.release();
    }
  }

  @Test
  void aLargeBodyIsChainedToItsFrameWhenDirectAndCopiedIntoItWhenOnTheHeap() {
    byte[] bytes = new byte[5_000];
    bytes[4_999] = 0x2a;
    Response direct = new Response(0, ALLOCATOR.directBuffer().writeBytes(bytes));
    Response heap = new Response(0, Unpooled.wrappedBuffer(bytes.clone()));
    ByteBuf chained = Frames.response(ALLOCATOR, 1, 1, direct);
    ByteBuf copied = Frames.response(ALLOCATOR, 2, 1, heap);
    direct.release();
    heap.release();
    try {
      assertThat(chained).isInstanceOf(CompositeByteBuf.class);
      assertThat(copied).isNotInstanceOf(CompositeByteBuf.class);
      assertThat(copied.isDirect()).isTrue();
      assertThat(copied.readableBytes()).isEqualTo(FrameHeader.SIZE + 5_000);
      assertThat(copied.getByte(FrameHeader.SIZE + 4_999)).isEqualTo((byte) 0x2a);
      assertThat(copied.getUnsignedInt(FrameHeader.BODY_SIZE_OFFSET)).isEqualTo(5_000);
    } finally {
      chained.release();
      copied.release();
    }
  }

  @Test
  void aLargeHeapBodyIsChainedToAFrameOnTheHeapWhichTheWriteQueueCopiesAnyway() {
    byte[] bytes = new byte[5_000];
    bytes[4_999] = 0x2a;
    Response large = new Response(0, Unpooled.wrappedBuffer(bytes));
    Response small = new Response(0, Unpooled.wrappedBuffer(new byte[] {1, 2, 3}));
    ByteBuf chained = Frames.response(Bodies.ALLOCATOR, 1, 1, large);
    ByteBuf copied = Frames.response(Bodies.ALLOCATOR, 2, 1, small);
    large.release();
    small.release();
    try {
      assertThat(chained).isInstanceOf(CompositeByteBuf.class);
      assertThat(chained.readableBytes()).isEqualTo(FrameHeader.SIZE + 5_000);
      assertThat(chained.getByte(FrameHeader.SIZE + 4_999)).isEqualTo((byte) 0x2a);
      assertThat(chained.getUnsignedInt(FrameHeader.BODY_SIZE_OFFSET)).isEqualTo(5_000);
      assertThat(copied).isNotInstanceOf(CompositeByteBuf.class);
      assertThat(copied.readableBytes()).isEqualTo(FrameHeader.SIZE + 3);
    } finally {
      chained.release();
      copied.release();
    }
    assertThat(large.body().refCnt()).isEqualTo(0);
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

  @Test
  void everyNumberInTheHeaderAndTheCallPrefixIsBigEndian() {
    Request request = new Request(new ServiceKey("é", ""), 0x9e080bb3, false, 5_400_000_000L,
        Map.of(), ALLOCATOR.buffer().writeByte(0x2a));
    ByteBuf frame = Frames.request(ALLOCATOR, 0x0102030405060708L, 1, request);
    request.release();
    assertThat(ByteBufUtil.hexDump(frame)).isEqualTo(
        "5652" + "14" + "01" + "01" + "00" + "00" + "00"
            + "0102030405060708"                          // message id
            + "00000015"                                  // body size 21
            + "0002" + "c3a9"                             // "é": its length in bytes, not chars
            + "0000"                                      // tag "" (the default implementation)
            + "9e080bb3"                                  // method id, existUser(java.lang.String)
            + "0000000141dd7600"                          // timeout 90 min in microseconds
            + "0000"                                      // no attachments
            + "2a");                                      // the arguments

    channel.writeInbound(frame);
    InboundFrame inbound = channel.readInbound();
    Request received = new RequestReader().read(inbound);
    try {
      assertThat(inbound.id()).isEqualTo(0x0102030405060708L);
      assertThat(received.service()).isEqualTo(new ServiceKey("é", ""));
      assertThat(received.methodId()).isEqualTo(0x9e080bb3);
      assertThat(received.timeoutMicros()).isEqualTo(5_400_000_000L);
    } finally {
      received.release();
    }
  }

  @Test
  void anAttachmentIsAKeyThenAValueEachAUint16ByteCountAndUtf8() {
    Request request = new Request(new ServiceKey("s", ""), 1, false, 0, Map.of("k", "ü"),
        ALLOCATOR.buffer(0, 0));
    ByteBuf frame = Frames.request(ALLOCATOR, 1, 1, request);
    request.release();
    try {
      assertThat(ByteBufUtil.hexDump(frame, FrameHeader.SIZE, frame.readableBytes()
          - FrameHeader.SIZE)).isEqualTo(
              "0001" + "73" + "0000" + "00000001" + "0000000000000000"
                  + "0001"                                // one attachment
                  + "0001" + "6b"                         // key "k"
                  + "0002" + "c3bc");                     // value "ü"
    } finally {
      frame.release();
    }
  }

  @Test
  void aRepeatedAttachmentKeyMakesTheRequestMalformed() {
    ByteBuf body = callPrefix(0).writeShort(2);
    shortString(body, "k");
    shortString(body, "first");
    shortString(body, "k");
    shortString(body, "last");

    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> read(body));

    assertThat(refused).hasMessageThat().contains("attachment \"k\" appears twice");
  }

  @Test
  void aNegativeTimeoutMakesTheRequestMalformed() {
    ByteBuf body = callPrefix(-1).writeShort(0);

    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> read(body));

    assertThat(refused).hasMessageThat().contains("negative timeout");
  }

  @Test
  void sixtyFourAttachmentsTravelAndASixtyFifthIsRefusedBeforeAnyIsDecoded() {
    Map<String, String> most = new HashMap<>();
    for (int i = 0; i < Frames.MAX_ATTACHMENTS; i++) {
      most.put("k" + i, "v");
    }
    Request received = read(framedBody(most));
    assertThat(received.attachments()).hasSize(64);
    received.release();

    most.put("one-more", "v");
    assertThrows(IllegalArgumentException.class, () -> framedBody(most));
    // The count alone is refused: no attachment follows it, yet the complaint is not that the
    // body ends too soon.
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> read(callPrefix(0).writeShort(65)));
    assertThat(refused).hasMessageThat().contains("65 attachments");
  }

  @Test
  void attachmentsMayTakeExactly16KiBCountingTheirLengthFieldsButNotOneByteMore() {
    // "k" takes 2 + 1 bytes, and the value's length 2: the value fills the rest.
    String fits = "v".repeat(Frames.MAX_ATTACHMENT_BYTES - 5);
    Request received = read(framedBody(Map.of("k", fits)));
    assertThat(received.attachments()).containsExactly("k", fits);
    received.release();

    String over = fits + "v";
    assertThrows(IllegalArgumentException.class, () -> framedBody(Map.of("k", over)));
    ByteBuf body = callPrefix(0).writeShort(1);
    shortString(body, "k");
    shortString(body, over);
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> read(body));
    assertThat(refused).hasMessageThat().contains("attachments over 16384 bytes");
  }

  @Test
  void aShortStringMayTake65535BytesOfUtf8AndNotOneMore() {
    String longest = "é".repeat(0xffff / 2) + "s";
    Request received = read(framedBody(longest, Map.of()));
    assertThat(received.service().name()).isEqualTo(longest);
    received.release();

    assertThrows(IllegalArgumentException.class, () -> framedBody(longest + "s", Map.of()));
  }

  @Test
  void illFormedUtf8IsReadAsReplacementCharactersNotRefused() {
    ByteBuf body = callPrefix(0).writeShort(1);
    shortString(body, "k");
    body.writeShort(2).writeByte(0xc3).writeByte('(');

    Request received = read(body);

    assertThat(received.attachments()).containsExactly("k", "\ufffd(");
    received.release();
  }

  @Test
  void aStatusErrorReplyIsItsStatusInTheHeaderThenAFlagsByteAndABigEndianWireString() {
    Response response = new StatusError(RpcStatus.BAD_REQUEST, "ü!", true)
        .toResponse(ALLOCATOR);
    ByteBuf frame = Frames.response(ALLOCATOR, 7, 1, response);
    response.release();
    try {
      assertThat(ByteBufUtil.hexDump(frame)).isEqualTo(
          "5652" + "14" + "01" + "01" + "01" + "08" + "00"  // ser 1, reply, status 8
              + "0000000000000007" + "00000008"
              + "01"                                        // bit 0: the method may have run
              + "00000003" + "c3bc21");                     // "ü!": 3 bytes of UTF-8
    } finally {
      frame.release();
    }
  }

  @Test
  void aStatusErrorReaderLooksAtBitZeroAloneAndIgnoresBytesAfterTheMessage() {
    Response response = new Response(RpcStatus.UNAVAILABLE.code(),
        Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump("fe" + "00000000" + "ffff")));

    try {
      assertThat(StatusError.read(response))
          .isEqualTo(new StatusError(RpcStatus.UNAVAILABLE, "", false));
    } finally {
      response.release();
    }
  }

  @Test
  void aStatusThisVersionDoesNotKnowIsReadAsInternalWithAStatusErrorBody() {
    Response response = new Response(200,
        Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump("00" + "00000002" + "6869")));
    try {
      assertThat(StatusError.read(response))
          .isEqualTo(new StatusError(RpcStatus.INTERNAL, "hi", false));
    } finally {
      response.release();
    }
  }

  @Test
  void aThrownExceptionWithMoreThanSixtyFourOrFewerThanZeroFramesIsRefused() {
    for (String count : new String[] {"00000041", "ffffffff"}) {
      Response response = new Response(ResponseStatus.APPLICATION_ERROR, Unpooled.wrappedBuffer(
          ByteBufUtil.decodeHexDump("00000001" + "45" + "ffffffff" + "ffffffff" + count)));

      try {
        assertThrows(IllegalArgumentException.class, () -> ThrownException.read(response));
      } finally {
        response.release();
      }
    }
  }

  @Test
  void aBodyOfExactlyTheLimitIsAcceptedAndOneByteMoreIsOversized() {
    channel.writeInbound(TestFrames.frame(1, 64), TestFrames.frame(2, 65));

    InboundFrame atTheLimit = channel.readInbound();
    assertThat(atTheLimit.oversized()).isFalse();
    assertThat(atTheLimit.body().readableBytes()).isEqualTo(64);
    atTheLimit.release();
    InboundFrame overTheLimit = channel.readInbound();
    assertThat(overTheLimit.oversized()).isTrue();
    assertThat(overTheLimit.bodySize()).isEqualTo(65);
  }

  @Test
  void theBodySizeIsAnUnsigned32BitNumber() {
    ByteBuf frame = TestFrames.frame(3, 0);
    frame.setInt(FrameHeader.BODY_SIZE_OFFSET, 0xffffffff);

    channel.writeInbound(frame);

    InboundFrame inbound = channel.readInbound();
    assertThat(inbound.oversized()).isTrue();
    assertThat(inbound.bodySize()).isEqualTo(0xffffffffL);
    assertThat(channel.isActive()).isTrue();
  }

  /** The call prefix of a request to method 1 of service "s", up to its attachment count. */
  private static ByteBuf callPrefix(long timeoutMicros) {
    ByteBuf body = ALLOCATOR.buffer();
    shortString(body, "s");
    shortString(body, "");
    return body.writeInt(1).writeLong(timeoutMicros);
  }

  private static void shortString(ByteBuf out, String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    out.writeShort(utf8.length).writeBytes(utf8);
  }

  /** The body a client frames for a call to "s" with these attachments. */
  private static ByteBuf framedBody(Map<String, String> attachments) {
    return framedBody("s", attachments);
  }

  /** The body a client frames for a call to {@code service} with these attachments. */
  private static ByteBuf framedBody(String service, Map<String, String> attachments) {
    Request request = new Request(new ServiceKey(service, ""), 1, false, 0, attachments,
        ALLOCATOR.buffer(0, 0));
    try {
      return Frames.request(ALLOCATOR, 1, 1, request).skipBytes(FrameHeader.SIZE);
    } finally {
      request.release();
    }
  }

  /** Reads {@code body} as a server reads a request body, taking it over. */
  private static Request read(ByteBuf body) {
    return new RequestReader().read(
        new InboundFrame(1, 0, 0, 1, body.readableBytes(), false, body));
  }
}
