package dev.vireo.rpc.internal.protocol;

import static com.google.common.truth.Truth.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vireo.rpc.RpcException;
import dev.vireo.rpc.internal.AllocationBudget;
import dev.vireo.rpc.internal.serialization.BodyReader;
import dev.vireo.rpc.internal.serialization.DeclaredTypes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.LeakPresenceDetector;
import org.junit.jupiter.api.Timeout;

/**
 * Any bytes a client may send as a request body, read as a server reads them: the call prefix
 * gives a request, or the body is refused as malformed ({@link IllegalArgumentException}, which a
 * server answers with {@code BAD_REQUEST}) and released; then the arguments are read, each a value
 * of its declared type or {@code SERIALIZATION}. Reading allocates in proportion to the body, not
 * to the lengths and counts it claims, and a reader that remembers the key it read last reads the
 * same bytes the same way again.
 */
class RequestReaderFuzzTest {
  @Timeout(10)
  @FuzzTest
  void anyBodyIsReadAsARequestOrRefusedAsMalformed(byte[] body) {
    AllocationBudget.check(body.length, () -> read(body));
    LeakPresenceDetector.check();
  }

  private static void read(byte[] body) {
    RequestReader reader = new RequestReader();
    InboundFrame frame = frame(body);
    Request request;
    try {
      request = reader.read(frame);
    } catch (IllegalArgumentException malformed) {
      assertThat(frame.body().refCnt()).isEqualTo(0);
      return;
    }
    try {
      assertThat(request.body()).isSameInstanceAs(frame.body());
      assertThat(request.attachments().size()).isAtMost(Frames.MAX_ATTACHMENTS);
      assertThat(request.timeoutMicros()).isAtLeast(0L);
      Request again = reader.read(frame(body));
      try {
        assertThat(again).isEqualTo(request);
      } finally {
        again.release();
      }
      readArguments(request);
    } finally {
      request.release();
    }
  }

  /**
   * Reads the arguments as a dispatcher does. Here the method id's four bytes name the types of
   * the four parameters; the first argument that cannot be decoded ends the reading, as the server
   * then answers {@code SERIALIZATION}.
   */
  private static void readArguments(Request request) {
    BodyReader arguments = DeclaredTypes.SERIALIZER.newReader(request.body());
    try {
      for (int shift = 24; shift >= 0; shift -= 8) {
        DeclaredTypes.read(arguments, (request.methodId() >>> shift) & 0xff);
      }
    } catch (RpcException undecodable) {
      // the server answers SERIALIZATION
    } finally {
      arguments.close();
    }
  }

  private static InboundFrame frame(byte[] body) {
    ByteBuf buffer = Unpooled.buffer(body.length).writeBytes(body);
    return new InboundFrame(1, 0, 0, 1, body.length, false, buffer);
  }
}
