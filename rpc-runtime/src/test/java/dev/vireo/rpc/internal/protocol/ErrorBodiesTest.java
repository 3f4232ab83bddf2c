package dev.vireo.rpc.internal.protocol;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vireo.rpc.RpcStatus;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import io.netty.util.LeakPresenceDetector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Error bodies of replies, byte for byte, as docs/protocol.md states them. */
class ErrorBodiesTest {
  private static final ByteBufAllocator ALLOCATOR = PooledByteBufAllocator.DEFAULT;

  @AfterEach
  void everyBufferWasReleased() {
    LeakPresenceDetector.check();
  }

  @Test
  void aStatusErrorIsAFlagsByteAndAWireString() {
    Response response = new StatusError(RpcStatus.OVERLOADED, "full", false)
        .toResponse(ALLOCATOR);
    try {
      assertThat(response.status()).isEqualTo(6);
      assertThat(ByteBufUtil.hexDump(response.body())).isEqualTo("00" + "00000004" + "66756c6c");
      assertThat(StatusError.read(response))
          .isEqualTo(new StatusError(RpcStatus.OVERLOADED, "full", false));
    } finally {
      response.release();
    }
  }

  @Test
  void mayHaveRunIsBitZeroAndANullMessageIsMinusOne() {
    Response response = new StatusError(RpcStatus.INTERNAL, null, true).toResponse(ALLOCATOR);
    try {
      assertThat(ByteBufUtil.hexDump(response.body())).isEqualTo("01" + "ffffffff");
    } finally {
      response.release();
    }
  }

  @Test
  void aThrownExceptionCarriesNamesMessageAndFrames() {
    StackTraceElement frame = new StackTraceElement("a.B", "c", "B.java", 7);
    ThrownException thrown = new ThrownException(
        "a.Failure", "java.io.IOException", "no", new StackTraceElement[] {frame});
    Response response = thrown.toResponse(ALLOCATOR);
    try {
      assertThat(response.status()).isEqualTo(ResponseStatus.APPLICATION_ERROR);
      assertThat(ByteBufUtil.hexDump(response.body())).isEqualTo(
          "00000009" + hex("a.Failure")
              + "00000013" + hex("java.io.IOException")
              + "00000002" + hex("no")
              + "00000001"
              + "00000003" + hex("a.B") + "00000001" + hex("c") + "00000006" + hex("B.java")
              + "00000007");
      assertThat(ThrownException.read(response)).isEqualTo(thrown);
    } finally {
      response.release();
    }
  }

  @Test
  void aStackTraceIsCutAtSixtyFourFrames() {
    StackTraceElement[] deep = new StackTraceElement[500];
    for (int i = 0; i < deep.length; i++) {
      deep[i] = new StackTraceElement("a.B", "m" + i, null, i);
    }
    Response response = new ThrownException("a.E", null, null, deep).toResponse(ALLOCATOR);
    try {
      assertThat(ThrownException.read(response).stackTrace()).hasLength(64);
    } finally {
      response.release();
    }
  }

  @Test
  void aClaimedStringLongerThanTheBodyIsRefused() {
    Response response = new Response(1, ALLOCATOR.buffer().writeInt(1_000_000).writeByte(65));
    try {
      assertThrows(IllegalArgumentException.class, () -> ThrownException.read(response));
    } finally {
      response.release();
    }
  }

  private static String hex(String ascii) {
    return ByteBufUtil.hexDump(ascii.getBytes(StandardCharsets.US_ASCII));
  }
}
