package dev.vireo.rpc;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.LeakPresenceDetector;
import org.junit.jupiter.api.Test;

/** The build's leak check is armed: an unreleased buffer fails the check that tests rely on. */
class LeakDetectionTest {
  @Test
  void anUnreleasedBufferFailsTheCheck() {
    ByteBuf forgotten = new UnpooledByteBufAllocator(true).directBuffer(16);
    forgotten.writeInt(1);

    assertThrows(IllegalStateException.class, LeakPresenceDetector::check);
    // The detector forgets a buffer once it has reported it; releasing this one now would count
    // as a release of an unknown buffer, so it is left to the garbage collector (its cleaner frees the memory).
    LeakPresenceDetector.check();
  }
}
