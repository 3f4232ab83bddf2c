package dev.vireo.rpc.internal.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the call prefix of request frames arriving on one connection (the layout is in {@link
 * Frames}). It remembers the service key it read last, as bytes, so a connection that keeps
 * calling one service does not decode, allocate and hash the service's name for every request.
 * One per connection, used by one thread at a time.
 */
public final class RequestReader {
  /** The last key's bytes as they appear on the wire (both short strings), and the key. */
  private ByteBuf lastKeyBytes = Unpooled.EMPTY_BUFFER;
  private ServiceKey lastKey;

  /**
   * Reads the request in {@code frame}, which it takes over: the request's body is the frame's,
   * positioned at the arguments. On failure the frame is released.
   *
   * @throws IllegalArgumentException if the prefix is malformed
   */
  public Request read(InboundFrame frame) {
    ByteBuf in = frame.body();
    try {
      ServiceKey service = readServiceKey(in);
      int methodId = in.readInt();
      long timeoutMicros = in.readLong();
      int count = in.readUnsignedShort();
      if (count > Frames.MAX_ATTACHMENTS) {
        throw new IllegalArgumentException(count + " attachments; at most "
            + Frames.MAX_ATTACHMENTS + " are accepted");
      }
      // Bounded before anything is decoded: a flood of keys sharing one hash code would
      // otherwise cost quadratic time on the I/O thread.
      int attachmentsEnd = in.readerIndex() + Frames.MAX_ATTACHMENT_BYTES;
      Map<String, String> attachments = count == 0 ? Map.of() : new HashMap<>(count * 2);
      for (int i = 0; i < count; i++) {
        String key = readShortString(in, attachmentsEnd);
        if (attachments.put(key, readShortString(in, attachmentsEnd)) != null) {
          // Refused, not resolved: two readers keeping different copies could disagree.
          throw new IllegalArgumentException("attachment " + WireStrings.excerpt(key)
              + " appears twice");
        }
      }
      if (timeoutMicros < 0) {
        throw new IllegalArgumentException("negative timeout " + timeoutMicros);
      }
      return new Request(service, methodId, frame.isOneway(), timeoutMicros, attachments, in);
    } catch (IndexOutOfBoundsException e) {
      frame.release();
      throw new IllegalArgumentException("request body ends inside its call prefix", e);
    } catch (RuntimeException e) {
      frame.release();
      throw e;
    }
  }

  private ServiceKey readServiceKey(ByteBuf in) {
    int start = in.readerIndex();
    if (start + 2 > in.writerIndex()) {
      throw new IndexOutOfBoundsException("no service name");
    }
    int nameLength = in.getUnsignedShort(start);
    int tagStart = start + 2 + nameLength;
    if (tagStart + 2 > in.writerIndex()) {
      throw new IndexOutOfBoundsException("service name of " + nameLength + " bytes");
    }
    int keyLength = 2 + nameLength + 2 + in.getUnsignedShort(tagStart);
    if (start + keyLength > in.writerIndex()) {
      throw new IndexOutOfBoundsException("service key of " + keyLength + " bytes");
    }
    if (lastKey != null && keyLength == lastKeyBytes.readableBytes()
        && ByteBufUtil.equals(in, start, lastKeyBytes, 0, keyLength)) {
      in.skipBytes(keyLength);
      return lastKey;
    }
    ServiceKey key = new ServiceKey(readShortString(in), readShortString(in));
    lastKeyBytes = Unpooled.wrappedBuffer(ByteBufUtil.getBytes(in, start, keyLength));
    lastKey = key;
    return key;
  }

  /** A short string that must end by {@code end}, checked before it is decoded. */
  private static String readShortString(ByteBuf in, int end) {
    if (in.readerIndex() + 2 <= in.writerIndex()
        && in.readerIndex() + 2 + in.getUnsignedShort(in.readerIndex()) > end) {
      throw new IllegalArgumentException("attachments over " + Frames.MAX_ATTACHMENT_BYTES
          + " bytes");
    }
    return readShortString(in);
  }

  private static String readShortString(ByteBuf in) {
    int length = in.readUnsignedShort();
    return in.readCharSequence(length, StandardCharsets.UTF_8).toString();
  }
}
