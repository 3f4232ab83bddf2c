package dev.vireo.rpc.internal.acceptor;

import dev.vireo.rpc.internal.transport.ConnectionSettings;
import dev.vireo.rpc.internal.transport.TestFrames;
import static com.google.common.truth.Truth.assertThat;

import dev.vireo.rpc.RpcStatus;
import dev.vireo.rpc.internal.protocol.FrameHeader;
import dev.vireo.rpc.internal.protocol.Request;
import dev.vireo.rpc.internal.protocol.Response;
import dev.vireo.rpc.internal.protocol.ResponseStatus;
import dev.vireo.rpc.internal.protocol.StatusError;
import dev.vireo.rpc.internal.protocol.Frames;
import dev.vireo.rpc.internal.protocol.ServiceKey;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.LeakPresenceDetector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A server connection fails closed on bytes it cannot trust, answers a request it will not take
 * (too large, malformed, over a limit) for that message id alone, carrying on with the others,
 * and knows which of its calls their caller gave up on.
 */
class ServerConnectionTest {
  private static final int LIMIT = 256;
  private static final int CALLS_PER_CONNECTION = 3;
  private static final long BYTES_IN_FLIGHT = 4 * 300;
  private static final Duration FRAME_TIMEOUT = Duration.ofSeconds(30);

  private final List<Request> handled = new ArrayList<>();
  private final List<ReplySink> sinks = new ArrayList<>();
  private EmbeddedChannel channel;

  @BeforeEach
  void pipeline() {
    ConnectionSettings settings =
        new ConnectionSettings(LIMIT, Duration.ofSeconds(10), 1, FRAME_TIMEOUT);
    ServerLimits limits = new ServerLimits(10, CALLS_PER_CONNECTION, BYTES_IN_FLIGHT);
    channel = new EmbeddedChannel();
    channel.freezeTime();
    ServerConnection connection = new ServerConnection((request, replies) -> {
      handled.add(request);
      sinks.add(replies);
    }, settings, limits, new BytesInFlight(BYTES_IN_FLIGHT));
    channel.pipeline().addLast(connection.newDecoder(), connection);
  }

  @AfterEach
  void everyBufferWasReleased() {
    handled.forEach(Request::release);
    channel.finishAndReleaseAll();
    LeakPresenceDetector.check();
  }

  @Test
  void callsOverTheLimitOfOneConnectionAreRefusedUntilOneIsAnswered() {
    for (long id = 1; id <= CALLS_PER_CONNECTION + 1; id++) {
      channel.writeInbound(request(id, false, 0));
    }
    channel.runPendingTasks();

    assertThat(handled).hasSize(CALLS_PER_CONNECTION);
    ByteBuf refusal = channel.readOutbound();
    assertThat(refusal.getLong(FrameHeader.ID_OFFSET)).isEqualTo(CALLS_PER_CONNECTION + 1);
    StatusError error = errorOf(refusal);
    assertThat(error.status()).isEqualTo(RpcStatus.RESOURCE_EXHAUSTED);
    assertThat(error.message()).contains("3 calls in flight");
    assertThat(error.mayHaveRun()).isFalse();

    sinks.get(0).reply(new Response(0, Unpooled.EMPTY_BUFFER));
    channel.writeInbound(request(9, false, 0));
    channel.runPendingTasks();
    ((ByteBuf) channel.readOutbound()).release();
    assertThat(handled).hasSize(CALLS_PER_CONNECTION + 1);
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void requestBytesOverTheConnectionsShareAreRefused() {
    // A quarter of the server's 1,200 bytes, as that is more than one frame: 300, room for two.
    channel.writeInbound(request(1, false, 120));
    channel.writeInbound(request(2, false, 120));
    channel.writeInbound(request(3, false, 120));
    channel.runPendingTasks();

    assertThat(handled).hasSize(2);
    StatusError error = errorOf(channel.readOutbound());
    assertThat(error.status()).isEqualTo(RpcStatus.RESOURCE_EXHAUSTED);
    assertThat(error.message()).contains("request bytes");

    sinks.get(1).noReply();
    channel.writeInbound(request(4, false, 120));
    assertThat(handled).hasSize(3);
  }

  @Test
  void aOnewayRequestOverALimitIsDroppedWithoutAReply() {
    for (long id = 1; id <= CALLS_PER_CONNECTION + 1; id++) {
      channel.writeInbound(request(id, true, 0));
    }
    channel.runPendingTasks();

    assertThat(handled).hasSize(CALLS_PER_CONNECTION);
    assertThat((Object) channel.readOutbound()).isNull();
  }

  @Test
  void aSecondRequestWithTheIdOfACallInFlightIsRefused() {
    channel.writeInbound(request(5, false, 0));
    channel.writeInbound(request(5, false, 0));
    channel.runPendingTasks();

    assertThat(handled).hasSize(1);
    StatusError error = errorOf(channel.readOutbound());
    assertThat(error.status()).isEqualTo(RpcStatus.BAD_REQUEST);
    assertThat(error.message()).contains("message id 5 is already in flight");
  }

  @Test
  void aCallAnsweredWhileItsFrameIsHandledIsNoLongerInFlightWhenTheNextFrameIsRead() {
    List<ReplySink> answered = new ArrayList<>();
    ServerConnection connection = new ServerConnection((request, sink) -> {
      request.release();
      answered.add(sink);
      sink.reply(new Response(ResponseStatus.OK, Unpooled.EMPTY_BUFFER));
    }, new ConnectionSettings(LIMIT, Duration.ofSeconds(10), 1, FRAME_TIMEOUT),
        new ServerLimits(10, CALLS_PER_CONNECTION, BYTES_IN_FLIGHT),
        new BytesInFlight(BYTES_IN_FLIGHT));
    EmbeddedChannel inline = new EmbeddedChannel(connection.newDecoder(), connection);

    // More calls than a connection may have in flight, all with one id: none is refused.
    for (int i = 0; i <= CALLS_PER_CONNECTION; i++) {
      inline.writeInbound(request(5, false, 0));
    }
    inline.writeInbound(cancel(5));

    assertThat(answered).hasSize(CALLS_PER_CONNECTION + 1);
    for (int i = 0; i <= CALLS_PER_CONNECTION; i++) {
      ByteBuf reply = inline.readOutbound();
      assertThat(reply.getByte(FrameHeader.STATUS_OFFSET)).isEqualTo(ResponseStatus.OK);
      reply.release();
    }
    assertThat(answered.get(0).cancelled()).isFalse();
    answered.get(0).reply(new Response(ResponseStatus.OK, Unpooled.EMPTY_BUFFER));
    assertThat((Object) inline.readOutbound()).isNull();
    inline.finishAndReleaseAll();
  }

  @Test
  void aCallEndedOnAnotherThreadBeforeItsFrameIsHandledIsNotLeftInFlight() throws Exception {
    ExecutorService other = Executors.newSingleThreadExecutor();
    List<ReplySink> ended = new ArrayList<>();
    ServerConnection connection = new ServerConnection((request, sink) -> {
      request.release();
      ended.add(sink);
      try {
        other.submit(sink::noReply).get();
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }, new ConnectionSettings(LIMIT, Duration.ofSeconds(10), 1, FRAME_TIMEOUT),
        new ServerLimits(10, CALLS_PER_CONNECTION, BYTES_IN_FLIGHT),
        new BytesInFlight(BYTES_IN_FLIGHT));
    EmbeddedChannel handing = new EmbeddedChannel(connection.newDecoder(), connection);
    try {
      for (int i = 0; i <= CALLS_PER_CONNECTION; i++) {
        handing.writeInbound(request(5, false, 0));
      }

      assertThat(ended).hasSize(CALLS_PER_CONNECTION + 1);
      assertThat((Object) handing.readOutbound()).isNull();
    } finally {
      other.shutdown();
      handing.finishAndReleaseAll();
    }
  }

  @Test
  void aCallThatEndsOnAnotherThreadAsItsFrameIsHandledIsNotLeftInFlight() throws Exception {
    ExecutorService other = Executors.newSingleThreadExecutor();
    Semaphore ended = new Semaphore(0);
    ServerConnection connection = new ServerConnection((request, sink) -> {
      request.release();
      other.execute(() -> {
        sink.noReply();
        ended.release();
      });
    }, new ConnectionSettings(LIMIT, Duration.ofSeconds(10), 1, FRAME_TIMEOUT),
        new ServerLimits(10, CALLS_PER_CONNECTION, BYTES_IN_FLIGHT),
        new BytesInFlight(BYTES_IN_FLIGHT));
    EmbeddedChannel racing = new EmbeddedChannel(connection.newDecoder(), connection);
    try {
      // Each call ends on the other thread while or after its connection keeps it, as the two
      // threads happen to meet: mostly after, now and then while.
      for (int i = 0; i < 10_000; i++) {
        racing.writeInbound(request(5, true, 0));
        assertThat(ended.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
      }
      // Had one been left in the table, its id would be refused as a call still in flight.
      racing.writeInbound(request(5, false, 0));
      assertThat(ended.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
      assertThat((Object) racing.readOutbound()).isNull();
    } finally {
      other.shutdown();
      racing.finishAndReleaseAll();
    }
  }

  @Test
  void aCancelFrameMarksItsCallAsGivenUpAndItsReplyIsNotSent() {
    channel.writeInbound(request(6, false, 0));
    channel.writeInbound(request(7, false, 0));
    channel.writeInbound(cancel(6));
    channel.writeInbound(cancel(99));

    assertThat(sinks.get(0).cancelled()).isTrue();
    assertThat(sinks.get(1).cancelled()).isFalse();
    sinks.get(0).reply(new Response(0, Unpooled.EMPTY_BUFFER));
    channel.runPendingTasks();
    assertThat((Object) channel.readOutbound()).isNull();
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void theConnectionsEndMarksEveryCallStillInFlightAsGivenUp() {
    channel.writeInbound(request(1, false, 0));
    channel.writeInbound(request(2, true, 0));

    channel.close();

    assertThat(sinks.get(0).cancelled()).isTrue();
    assertThat(sinks.get(1).cancelled()).isTrue();
  }

  @Test
  void aClientThatDoesNotReadItsRepliesForTheFrameTimeoutIsDisconnected() {
    channel.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
    channel.runPendingTasks();

    channel.advanceTimeBy(FRAME_TIMEOUT.toMillis() - 1, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
    assertThat(channel.isOpen()).isTrue();
    channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void aClientThatCatchesUpInTimeStaysConnected() {
    channel.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
    channel.runPendingTasks();
    channel.advanceTimeBy(FRAME_TIMEOUT.toMillis() / 2, TimeUnit.MILLISECONDS);
    channel.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
    channel.runPendingTasks();

    channel.advanceTimeBy(FRAME_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void aSecondAnswerToOneCallIsDroppedAndItsSlotIsFreedOnce() {
    channel.writeInbound(request(1, false, 0));
    sinks.get(0).reply(new Response(0, Unpooled.EMPTY_BUFFER));
    sinks.get(0).reply(new Response(0, Unpooled.EMPTY_BUFFER));
    sinks.get(0).noReply();
    channel.runPendingTasks();
    ((ByteBuf) channel.readOutbound()).release();
    assertThat((Object) channel.readOutbound()).isNull();

    for (long id = 2; id <= CALLS_PER_CONNECTION + 2; id++) {
      channel.writeInbound(request(id, false, 0));
    }

    assertThat(handled).hasSize(1 + CALLS_PER_CONNECTION);
  }

  @Test
  void aReplyThatCannotBeFramedClosesTheConnectionRatherThanLeaveItsCallerWaiting() {
    channel.writeInbound(request(1, false, 0));
    ByteBufAllocator before = channel.config().getAllocator();
    channel.config().setAllocator(new NoMemoryAllocator());
    ByteBuf result = Unpooled.buffer().writeLong(7);

    sinks.get(0).reply(new Response(0, result));
    channel.config().setAllocator(before);
    channel.runPendingTasks();

    assertThat(channel.isOpen()).isFalse();
    assertThat(result.refCnt()).isEqualTo(0);
  }

  /** Has no memory left: every buffer asked of it throws, as an exhausted pool does. */
  private static final class NoMemoryAllocator extends AbstractByteBufAllocator {
    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
      throw new OutOfMemoryError("no memory, as the test asks");
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
      throw new OutOfMemoryError("no memory, as the test asks");
    }

    @Override
    public boolean isDirectBufferPooled() {
      return false;
    }
  }

  @Test
  void aReplyAsLargeAsTheConnectionsWholeShareIsStillSent() {
    // A share of one frame: the heap-derived default on a small heap.
    ServerConnection connection = new ServerConnection((request, replies) -> {
      request.release();
      replies.reply(new Response(0, Unpooled.wrappedBuffer(new byte[LIMIT])));
    }, new ConnectionSettings(LIMIT, Duration.ofSeconds(10), 1, FRAME_TIMEOUT),
        new ServerLimits(10, 3, LIMIT), new BytesInFlight(LIMIT));
    EmbeddedChannel small = new EmbeddedChannel(connection.newDecoder(), connection);

    small.writeInbound(request(1, false, 0));
    small.runPendingTasks();

    ByteBuf reply = small.readOutbound();
    assertThat(reply.readableBytes()).isEqualTo(FrameHeader.SIZE + LIMIT);
    reply.release();
    assertThat(small.isOpen()).isTrue();
    small.finishAndReleaseAll();
  }

  @Test
  void repliesGivenWhileTheirRequestsAreReadAreFlushedOnceAsTheReadEnds() {
    AtomicInteger flushes = new AtomicInteger();
    AtomicInteger flushesWhenTheReadEnded = new AtomicInteger(-1);
    ServerConnection connection = new ServerConnection((request, replies) -> {
      request.release();
      ByteBuf body = replies.frameAllocator(1).buffer(FrameHeader.SIZE + 1);
      body.setIndex(FrameHeader.SIZE, FrameHeader.SIZE).writeByte(7);
      replies.reply(new Response(0, body));
    }, new ConnectionSettings(LIMIT, Duration.ofSeconds(10), 1, FRAME_TIMEOUT),
        new ServerLimits(10, CALLS_PER_CONNECTION, BYTES_IN_FLIGHT),
        new BytesInFlight(BYTES_IN_FLIGHT));
    EmbeddedChannel inline = new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {
      @Override
      public void flush(ChannelHandlerContext ctx) {
        flushes.incrementAndGet();
        ctx.flush();
      }
    }, connection.newDecoder(), connection, new ChannelInboundHandlerAdapter() {
      @Override
      public void channelReadComplete(ChannelHandlerContext ctx) {
        flushesWhenTheReadEnded.set(flushes.get());
      }
    });

    inline.writeInbound(Unpooled.wrappedBuffer(request(1, false, 0), request(2, false, 0)));

    assertThat(flushesWhenTheReadEnded.get()).isEqualTo(1);
    assertThat(flushes.get()).isEqualTo(1);
    for (long id = 1; id <= 2; id++) {
      ByteBuf reply = inline.readOutbound();
      assertThat(reply.getLong(FrameHeader.ID_OFFSET)).isEqualTo(id);
      assertThat(reply.getByte(FrameHeader.SIZE)).isEqualTo((byte) 7);
      reply.release();
    }
    inline.finishAndReleaseAll();
  }

  @Test
  void aReplyBodyTooLargeToSendIsNotBuiltWhereFramesAre() {
    channel.writeInbound(request(1, false, 0));

    assertThat(sinks.get(0).frameAllocator(LIMIT)).isNotNull();
    assertThat(sinks.get(0).frameAllocator(LIMIT + 1)).isNull();
    sinks.get(0).noReply();
  }

  @Test
  void aRequestOverTheBytesInFlightIsRefusedFromItsHeaderBeforeItsBodyIsHeld() {
    channel.writeInbound(request(1, false, 120));
    channel.writeInbound(request(2, false, 120));
    ByteBuf third = request(3, false, 120);
    channel.writeInbound(third.readRetainedSlice(FrameHeader.SIZE));
    channel.runPendingTasks();

    StatusError error = errorOf(channel.readOutbound());
    assertThat(error.status()).isEqualTo(RpcStatus.RESOURCE_EXHAUSTED);
    channel.writeInbound(third);
    assertThat(handled).hasSize(2);
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void aConnectionThatEndsInsideAnAdmittedBodyGivesItsRoomBack() {
    BytesInFlight server = new BytesInFlight(BYTES_IN_FLIGHT);
    EmbeddedChannel cut = connectionSharing(server, new ArrayList<>());
    ByteBuf frame = request(1, false, 200);
    cut.writeInbound(frame.readRetainedSlice(FrameHeader.SIZE + 10));
    frame.release();
    assertThat(server.tryAcquire(BYTES_IN_FLIGHT)).isFalse();

    cut.close();

    assertThat(server.tryAcquire(BYTES_IN_FLIGHT)).isTrue();
    cut.finishAndReleaseAll();
  }

  @Test
  void repliesWaitingForAClientThatDoesNotReadCountAgainstTheServersBytesInFlight() {
    BytesInFlight server = new BytesInFlight(BYTES_IN_FLIGHT);
    List<ReplySink> replies = new ArrayList<>();
    EmbeddedChannel stalled = connectionSharing(server, replies);
    // Other connections hold all but 200 bytes of the server's budget.
    assertThat(server.tryAcquire(BYTES_IN_FLIGHT - 200)).isTrue();
    for (long id = 1; id <= 3; id++) {
      stalled.writeInbound(request(id, false, 0));
    }
    stalled.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
    stalled.runPendingTasks();

    replies.get(0).reply(new Response(0, Unpooled.wrappedBuffer(new byte[100])));
    assertThat(stalled.isOpen()).isTrue();
    replies.get(1).reply(new Response(0, Unpooled.wrappedBuffer(new byte[100])));

    assertThat(stalled.isOpen()).isFalse();
    replies.get(2).noReply();
    server.release(BYTES_IN_FLIGHT - 200);
    assertThat(server.tryAcquire(BYTES_IN_FLIGHT)).isTrue();
    stalled.finishAndReleaseAll();
  }

  @Test
  void repliesThatWaitedGiveTheirRoomBackOnceTheClientReadsAgain() {
    BytesInFlight server = new BytesInFlight(BYTES_IN_FLIGHT);
    List<ReplySink> replies = new ArrayList<>();
    EmbeddedChannel slow = connectionSharing(server, replies);
    slow.writeInbound(request(1, false, 0));
    slow.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
    slow.runPendingTasks();
    replies.get(0).reply(new Response(0, Unpooled.wrappedBuffer(new byte[100])));
    assertThat(server.tryAcquire(BYTES_IN_FLIGHT)).isFalse();

    slow.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
    slow.runPendingTasks();

    assertThat(server.tryAcquire(BYTES_IN_FLIGHT)).isTrue();
    slow.finishAndReleaseAll();
  }

  /**
   * A connection of its own drawing on {@code server}'s bytes in flight, whose handler releases
   * each request and keeps its sink in {@code replies}.
   */
  private static EmbeddedChannel connectionSharing(BytesInFlight server,
      List<ReplySink> replies) {
    ServerConnection connection = new ServerConnection((request, sink) -> {
      request.release();
      replies.add(sink);
    }, new ConnectionSettings(LIMIT, Duration.ofSeconds(10), 1, FRAME_TIMEOUT),
        new ServerLimits(10, CALLS_PER_CONNECTION, BYTES_IN_FLIGHT), server);
    return new EmbeddedChannel(connection.newDecoder(), connection);
  }

  private static ByteBuf request(long id, boolean oneway, int bodySize) {
    return Frames.request(ByteBufAllocator.DEFAULT, id, 1, new Request(new ServiceKey("s", ""),
        1, oneway, 0, Map.of(), Unpooled.wrappedBuffer(new byte[bodySize])));
  }

  private static ByteBuf cancel(long id) {
    return Frames.cancel(ByteBufAllocator.DEFAULT, id, 1);
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
    assertThat(error.message()).contains("257 bytes exceeds the limit of 256 bytes");
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
