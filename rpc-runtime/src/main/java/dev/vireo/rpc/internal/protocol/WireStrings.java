package dev.vireo.rpc.internal.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Strings in the serializer-independent parts of the protocol: a 4-byte big-endian length (-1 for
 * null) and that many bytes of UTF-8.
 */
final class WireStrings {
  private WireStrings() {}

  static void write(ByteBuf out, String value) {
    if (value == null) {
      out.writeInt(-1);
      return;
    }
    int lengthIndex = out.writerIndex();
    out.writeInt(0);
    int written = out.writeCharSequence(value, StandardCharsets.UTF_8);
    out.setInt(lengthIndex, written);
  }

  /** {@code value} quoted for an error message, cut to its first 64 characters. */
  static String excerpt(String value) {
    return value.length() <= 64 ? '"' + value + '"' : '"' + value.substring(0, 64) + "\"...";
  }

  static String read(ByteBuf in) {
    int length = in.readInt();
    if (length == -1) {
      return null;
    }
    if (length < 0 || length > in.readableBytes()) {
      throw new IllegalArgumentException(
          "string of " + length + " bytes with " + in.readableBytes() + " left");
    }
    return in.readCharSequence(length, StandardCharsets.UTF_8).toString();
  }
}
