package dev.vireo.rpc.it;

import static com.google.common.truth.Truth.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vireo.rpc.ExportOptions;
import dev.vireo.rpc.RpcClient;
import dev.vireo.rpc.RpcException;
import dev.vireo.rpc.RpcServer;
import dev.vireo.rpc.RpcStatus;
import dev.vireo.rpc.internal.serialization.BodyWriter;
import dev.vireo.rpc.internal.serialization.ForySerializer;
import dev.vireo.rpc.internal.serialization.WireTypes;
import dev.vireo.rpc.it.RawPeer.Frame;
import dev.vireo.rpc.it.services.Figure;
import dev.vireo.rpc.it.services.Primitives;
import dev.vireo.rpc.it.services.Shapes;
import dev.vireo.rpc.it.services.UserService;
import dev.vireo.rpc.it.services.UserServiceAsync;
import dev.vireo.rpc.it.services.Worker;
import dev.vireo.rpc.it.services.WorkerAsync;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.LeakPresenceDetector;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.fory.Fory;
import org.apache.fory.config.CompatibleMode;
import org.apache.fory.memory.MemoryBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Peers that break the protocol or abuse the server, each on its own connection, next to a
 * well-behaved client. After each, that client still gets its answers within its deadline, and
 * the server holds no more memory than the bound the test states: measured on the heap after a
 * collection, and in direct memory (Netty's pools and the JDK's buffers) as it peaks.
 */
class HostilePeersTest {
  private static final Logger log = LoggerFactory.getLogger(HostilePeersTest.class);
  private static final String PRIMITIVES = Primitives.class.getCanonicalName();
  private static final long MIB = 1 << 20;
  private static final Duration FRAME_TIMEOUT = Duration.ofSeconds(1);
  /** The server's request bytes in flight: a connection may hold a quarter, 16 MiB. */
  private static final long BYTES_IN_FLIGHT = 64 * MIB;
  /** The shared pool's threads: each may hold one reply being encoded. */
  private static final int SHARED_THREADS = 8;
  /** What the attack may leave on the heap once it is over: nothing of it, give or take. */
  private static final long HEAP_LEFT_AFTER = 32 * MIB;

  private final InMemoryUserService users = new InMemoryUserService();
  private final HeldWorker worker = new HeldWorker();
  private RpcServer server;
  private RpcClient client;
  private long heapBefore;
  private long directBefore;
  private ServerMemory.Peak direct;

  @BeforeEach
  void start() {
    server = RpcServer.builder().host("127.0.0.1").port(0).ioThreads(1)
        .frameTimeout(FRAME_TIMEOUT).maxBytesInFlight(BYTES_IN_FLIGHT).threads(SHARED_THREADS)
        .shutdownTimeout(Duration.ofSeconds(2)).build();
    server.export(Primitives.class, new PrimitivesTest.Impl());
    server.export(UserService.class, users, ExportOptions.builder().threads(4).queue(64).build());
    server.export(Shapes.class, new Describer());
    server.export(Worker.class, worker, ExportOptions.builder().threads(1).build());
    server.start();
    client = RpcClient.builder().address("127.0.0.1", server.port())
        .timeout(Duration.ofSeconds(2)).build();
    assertServed();
    heapBefore = ServerMemory.heapAfterGc();
    directBefore = ServerMemory.direct();
    direct = new ServerMemory.Peak();
  }

  @AfterEach
  void stop(TestInfo test) {
    try {
      direct.close();
      assertServed();
      long heapLeft = ServerMemory.heapAfterGc() - heapBefore;
      log.info("{}: direct memory peaked at +{} KiB; heap after, +{} KiB",
          test.getTestMethod().orElseThrow().getName(), directPeak() / 1024, heapLeft / 1024);
      assertThat(heapLeft).isLessThan(HEAP_LEFT_AFTER);
    } finally {
      client.close();
      server.close();
    }
    LeakPresenceDetector.check();
  }

  /** How far direct memory rose above where it was when the test began, at its highest. */
  private long directPeak() {
    return direct.highest() - directBefore;
  }

  /** The well-behaved client's calls, each within its 2 s deadline. */
  private void assertServed() {
    assertThat(client.refer(Primitives.class).echo("still here")).isEqualTo("still here");
    assertThat(client.refer(UserService.class).getUser(1).id()).isEqualTo(1);
  }

  @Test
  void garbageClosesThatConnectionAlone() throws IOException {
    byte[] garbage = new byte[64 * 1024];
    new Random(7).nextBytes(garbage);
    garbage[0] = 'G';
    try (RawPeer peer = RawPeer.connect(server.port())) {
      peer.send(garbage);

      assertThat(peer.closedByServerWithin(Duration.ofSeconds(5))).isTrue();
    }
  }

  @Test
  void aTruncatedFrameLeftHangingIsClosedAfterTheFrameTimeout() throws IOException {
    ByteBuffer header = RawPeer.header(0, 1, 1000);
    try (RawPeer peer = RawPeer.connect(server.port())) {
      peer.send(header.array());
      peer.send(new byte[10]);
      assertServed();

      assertThat(peer.closedByServerWithin(FRAME_TIMEOUT.multipliedBy(5))).isTrue();
    }
  }

  @Test
  void slowlorisPeersTricklingFramesInAreClosedAfterTheFrameTimeout() throws Exception {
    List<RawPeer> peers = new ArrayList<>();
    try {
      for (int i = 0; i < 20; i++) {
        peers.add(RawPeer.connect(server.port()));
      }
      await().atMost(Duration.ofSeconds(10))
          .until(() -> server.connectionStats().openConnections() == 21);
      byte[] frame = RawPeer.request(1, PRIMITIVES, "echo(java.lang.String)", new byte[100]);
      int sent = 0;
      // One byte per peer every 100 ms: each frame would need 13 s, ten times the timeout.
      while (sent < frame.length && server.connectionStats().openConnections() > 1) {
        for (RawPeer peer : peers) {
          try {
            peer.send(new byte[] {frame[sent]});
          } catch (IOException closedByServer) {
            // as expected, sooner or later
          }
        }
        sent++;
        assertServed();
        Thread.sleep(100);
      }
      assertThat(sent).isLessThan(frame.length);
      for (RawPeer peer : peers) {
        assertThat(peer.closedByServerWithin(Duration.ofSeconds(5))).isTrue();
      }
    } finally {
      for (RawPeer peer : peers) {
        peer.close();
      }
    }
  }

  @Test
  void aBodySizeOf2To31Minus1IsRefusedForThatCallAndSkippedWithoutBeingHeld() throws Exception {
    try (RawPeer peer = RawPeer.connect(server.port())) {
      peer.send(RawPeer.header(0, 7, Integer.MAX_VALUE).array());

      Frame refusal = peer.readFrame();
      assertThat(refusal.id()).isEqualTo(7);
      assertThat(refusal.status()).isEqualTo(RpcStatus.BAD_REQUEST.code());
      assertThat(refusal.errorMessage()).contains("2147483647 bytes exceeds the limit");

      byte[] chunk = new byte[64 * 1024];
      for (int i = 0; i < 512; i++) {
        peer.send(chunk); // 32 MiB of the body, skipped as it arrives
      }
      assertServed();
      assertThat(directPeak()).isLessThan(8 * MIB);
      // The rest of the body never comes: the frame timeout ends the connection.
      assertThat(peer.closedByServerWithin(FRAME_TIMEOUT.multipliedBy(5))).isTrue();
    }
  }

  @Test
  void theBodiesOfFramesOtherThanRequestsAreSkippedWithoutBeingHeld() throws Exception {
    List<RawPeer> peers = new ArrayList<>();
    try {
      byte[] chunk = new byte[64 * 1024];
      // a reply, a heartbeat, a going-away notice and a cancel, each announcing a body just
      // within the frame limit, which no request's bytes in flight would account for
      for (int flags : new int[] {0x01, 0x04, 0x08, 0x10}) {
        RawPeer peer = RawPeer.connect(server.port());
        peers.add(peer);
        peer.send(RawPeer.header(flags, 3, 16 * MIB - 1).array());
        for (int i = 0; i < 100; i++) {
          peer.send(chunk); // 6.25 MiB of the body, skipped as it arrives
        }
      }
      assertServed();
      assertThat(directPeak()).isLessThan(8 * MIB);
    } finally {
      for (RawPeer peer : peers) {
        peer.close();
      }
    }
  }

  @Test
  void aPayloadNamingAClassOutsideTheAllowlistIsRefusedBeforeAnyInstanceIsBuilt()
      throws IOException {
    byte[] gadget = permissiveFory(new Gadget());
    // The entry point of well-known gadget chains (CommonsBeanutils1, CommonsCollections2).
    PriorityQueue<Object> chain = new PriorityQueue<>();
    chain.add(new Gadget());
    byte[] wellKnownGadget = permissiveFory(chain);
    Gadget.built.set(0);
    try (RawPeer peer = RawPeer.connect(server.port())) {
      peer.send(RawPeer.request(1, Shapes.class.getCanonicalName(),
          "describe(java.lang.Object)", gadget));
      peer.send(RawPeer.request(2, Shapes.class.getCanonicalName(),
          "describe(java.lang.Object)", wellKnownGadget));
      peer.send(RawPeer.request(3, Shapes.class.getCanonicalName(),
          "area(" + Figure.class.getCanonicalName() + ")", gadget));

      List<Long> refused = new ArrayList<>();
      for (int reply = 0; reply < 3; reply++) {
        Frame refusal = peer.readFrame();
        refused.add(refusal.id());
        assertThat(refusal.status()).isEqualTo(RpcStatus.SERIALIZATION.code());
        assertThat(refusal.errorMessage()).contains("could not decode the arguments");
      }
      assertThat(refused).containsExactly(1L, 2L, 3L);
    }
    assertThat(Gadget.built.get()).isEqualTo(0);
  }

  @Test
  void anAttachmentFloodWithCollidingHashCodesIsRefusedBeforeItIsRead() throws IOException {
    String[] flood = new String[2 * 60_000];
    for (int i = 0; i < 60_000; i++) {
      flood[2 * i] = collidingKey(i);
      flood[2 * i + 1] = "";
    }
    assertThat(flood[0].hashCode()).isEqualTo(flood[2 * 59_999].hashCode());
    try (RawPeer peer = RawPeer.connect(server.port())) {
      peer.send(RawPeer.request(9, PRIMITIVES, "echo(java.lang.String)", new byte[0], flood));
      assertServed();

      Frame refusal = peer.readFrame();
      assertThat(refusal.id()).isEqualTo(9);
      assertThat(refusal.status()).isEqualTo(RpcStatus.BAD_REQUEST.code());
      assertThat(refusal.errorMessage()).contains("60000 attachments; at most 64");
    }
  }

  @Test
  void tenThousandConnectionsOpenedAndDroppedLeaveNothingBehind() throws Exception {
    ExecutorService openers = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        done.add(openers.submit(() -> {
          for (int i = 0; i < 2_500; i++) {
            RawPeer.connect(server.port()).close();
          }
          return null;
        }));
      }
      for (Future<?> opener : done) {
        opener.get(2, TimeUnit.MINUTES);
      }
    } finally {
      openers.shutdownNow();
    }
    // Only the well-behaved client's connection stays; stop() checks the heap came back.
    await().atMost(Duration.ofSeconds(30)).untilAsserted(
        () -> assertThat(server.connectionStats().openConnections()).isEqualTo(1));
  }

  @Test
  void connectionsOverTheServersLimitAreClosedAsSoonAsAccepted() throws Exception {
    RpcServer small = RpcServer.builder().host("127.0.0.1").port(0).maxConnections(5).build();
    small.export(Primitives.class, new PrimitivesTest.Impl());
    small.start();
    List<RawPeer> held = new ArrayList<>();
    try (RpcClient first = RpcClient.builder().address("127.0.0.1", small.port()).build()) {
      Primitives primitives = first.refer(Primitives.class);
      assertThat(primitives.echo("in")).isEqualTo("in");
      for (int i = 0; i < 4; i++) {
        held.add(RawPeer.connect(small.port()));
      }
      await().atMost(Duration.ofSeconds(10))
          .until(() -> small.connectionStats().openConnections() == 5);

      try (RawPeer extra = RawPeer.connect(small.port())) {
        assertThat(extra.closedByServerWithin(Duration.ofSeconds(5))).isTrue();
      }
      assertThat(primitives.echo("still in")).isEqualTo("still in");
    } finally {
      for (RawPeer peer : held) {
        peer.close();
      }
      small.close();
    }
  }

  @Test
  void aPeerThatNeverReadsItsRepliesIsCutOffHoldingAtMostItsShare() throws Exception {
    byte[] arguments = arguments(body -> {
      body.writeInt((int) MIB);
      body.writeByte((byte) 1);
    });
    try (RawPeer peer = RawPeer.connect(server.port(), 4096)) {
      for (long id = 1; id <= 200; id++) {
        peer.send(RawPeer.request(id, PRIMITIVES, "filled(int,byte)", arguments));
      }
      assertServed();

      await().atMost(Duration.ofSeconds(30))
          .until(() -> server.connectionStats().openConnections() == 1);
      // Its share of 16 MiB unread, a reply being encoded per thread, and what Netty's pools
      // keep around them (measured: 6 to 48 MiB in all, over nine runs); without the bound, all
      // 200 MiB of replies would wait for it.
      assertThat(directPeak()).isLessThan(80 * MIB);
    }
  }

  @Test
  void onePeerFillingAServicesQueueLeavesRoomForTheOthers() throws Exception {
    AtomicInteger overloaded = new AtomicInteger();
    List<CompletableFuture<Void>> flood = new ArrayList<>();
    try (RpcClient greedy = RpcClient.builder().address("127.0.0.1", server.port()).build()) {
      UserServiceAsync slow = greedy.refer(UserServiceAsync.class);
      UserService fair = client.refer(UserService.class);
      for (int round = 0; round < 10; round++) {
        for (int i = 0; i < 50; i++) {
          flood.add(slow.sleep(100).exceptionally(failure -> {
            if (failure instanceof RpcException refused
                && refused.status() == RpcStatus.OVERLOADED) {
              overloaded.incrementAndGet();
            }
            return null;
          }));
        }
        // The pool's queue holds 64; this peer may take 16 of them, never the room left.
        assertThat(fair.getUser(2).id()).isEqualTo(2);
      }
      CompletableFuture.allOf(flood.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    }
    assertThat(overloaded.get()).isGreaterThan(0);
  }

  @Test
  void aPeerThatLeavesCancelsItsRunningCallAndItsQueuedCallsNeverRun() throws Exception {
    try (RpcClient leaving = RpcClient.builder().address("127.0.0.1", server.port()).build()) {
      WorkerAsync jobs = leaving.refer(WorkerAsync.class);
      jobs.work("a");
      assertThat(worker.nextEvent()).isEqualTo("started a");
      jobs.work("b");
      jobs.work("c");
      await().atMost(Duration.ofSeconds(10)).until(() -> server.queuedCalls() == 2);
    }

    assertThat(worker.nextEvent()).isEqualTo("cancelled a");
    CompletableFuture<Boolean> next = client.refer(WorkerAsync.class).work("d");
    assertThat(worker.nextEvent()).isEqualTo("started d");
    worker.finish("d");
    assertThat(next.get(10, TimeUnit.SECONDS)).isFalse();
    assertThat(worker.ran).containsExactly("a", "d").inOrder();
  }

  /** The i-th of 2^16 keys of 16 two-letter blocks, "Aa" or "BB", which hash alike. */
  private static String collidingKey(int i) {
    StringBuilder key = new StringBuilder(32);
    for (int bit = 0; bit < 16; bit++) {
      key.append((i >> bit & 1) == 0 ? "Aa" : "BB");
    }
    return key.toString();
  }

  /** Arguments as a generated stub writes them. */
  private static byte[] arguments(Consumer<BodyWriter> writes) {
    BodyWriter writer = new ForySerializer(new WireTypes()).newWriter();
    writes.accept(writer);
    ByteBuf body = writer.finish(UnpooledByteBufAllocator.DEFAULT);
    try {
      return ByteBufUtil.getBytes(body);
    } finally {
      body.release();
    }
  }

  /** {@code value} as a Fory that requires no registration writes it: what an attacker sends. */
  private static byte[] permissiveFory(Object value) {
    Fory fory = Fory.builder().withXlang(false).requireClassRegistration(false)
        .withRefTracking(false).withCompatibleMode(CompatibleMode.COMPATIBLE)
        .withAsyncCompilation(false).suppressClassRegistrationWarnings(true).build();
    MemoryBuffer buffer = MemoryBuffer.newHeapBuffer(256);
    fory.serialize(buffer, value);
    return buffer.getBytes(0, buffer.writerIndex());
  }

  /** A class no service declares, which counts every instance made of it, however made. */
  static final class Gadget implements Serializable, Comparable<Gadget> {
    private static final long serialVersionUID = 1L;
    static final AtomicInteger built = new AtomicInteger();

    Gadget() {
      built.incrementAndGet();
    }

    @Override
    public int compareTo(Gadget other) {
      return 0;
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
      built.incrementAndGet();
      in.defaultReadObject();
    }
  }

  private static final class Describer implements Shapes {
    @Override
    public double area(Figure figure) {
      return 0;
    }

    @Override
    public String describe(Object anything) {
      return String.valueOf(anything);
    }

    @Override
    public Object origin() {
      return null;
    }
  }
}
