package dev.vireo.rpc.internal.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.util.Map;

/**
 * Writes whole frames ({@link RequestReader} reads requests back). A request body starts with:
 *
 * <pre>
 * short string  service name        (uint16 length + UTF-8)
 * short string  tag                 ("" for the default implementation)
 * int32         method id
 * int64         timeout, microseconds from receipt (0: none)
 * uint16        attachment count, then that many (short string key, short string value)
 * ...           the arguments, in the frame's serialization type
 * </pre>
 *
 * A reply body is the reply's body as {@link Response} describes it.
 */
public final class Frames {
  /** The most attachments one request may carry. */
  public static final int MAX_ATTACHMENTS = 64;

  /** The most bytes a request's attachments may take on the wire, lengths included. */
  public static final int MAX_ATTACHMENT_BYTES = 16 * 1024;

  private static final int MAX_SHORT_STRING = 0xffff;
  /**
   * Bodies up to this size are copied into the frame rather than chained to it; see {@link
   * #copied} for the larger ones.
   */
  private static final int COPY_LIMIT = 1024;

  private Frames() {}

  /**
   * The room before a request body in which {@link #request} writes the frame's header and the
   * call's prefix, so that the body needs no copy: for a body built for its frame, as {@code
   * BodyWriter.finish(allocator, requestHeadroom(service, attachments))} builds it.
   */
  public static int requestHeadroom(ServiceKey service, Map<String, String> attachments) {
    return FrameHeader.SIZE + prefixSize(service, attachments);
  }

  /**
   * A request frame with message id {@code id}. A body with exactly {@link #requestHeadroom} before
   * it, held by this request alone, becomes the frame itself, its head written into that room (so
   * the body must not be read again once framed). Another body is copied behind a new head, or,
   * when large, not always (see {@link #copied}): the frame is then a composite of a new head and
   * a retained {@code request.body()}. The request keeps its own reference.
   */
  public static ByteBuf request(ByteBufAllocator allocator, long id, int serialization,
      Request request) {
    ByteBuf body = request.body();
    int headSize = requestHeadroom(request.service(), request.attachments());
    if (body.readerIndex() == headSize && heldAlone(body)) {
      int end = body.writerIndex();
      body.setIndex(0, 0);
      try {
        writeRequestHead(body, serialization, id, request);
      } catch (RuntimeException e) {
        body.setIndex(headSize, end);
        throw e;
      }
      return finish(body.writerIndex(end)).retain();
    }
    ByteBuf frame = allocator.buffer(headSize + copiedSize(allocator, body));
    try {
      writeRequestHead(frame, serialization, id, request);
    } catch (RuntimeException e) {
      frame.release();
      throw e;
    }
    return withBody(allocator, frame, body);
  }

  /**
   * Whether nothing but its request holds {@code body}, which may then have a head written into
   * it: a buffer of its own (not a view of another, which may count its references apart from
   * it), held once. A cluster that may send a body again keeps it and sends slices of it, whose
   * room is not before them (see {@code Attempts}).
   */
  private static boolean heldAlone(ByteBuf body) {
    return body.unwrap() == null && body.refCnt() == 1 && !body.isReadOnly();
  }

  /** Writes a request's header (its body size still 0) and its call prefix. */
  private static void writeRequestHead(ByteBuf frame, int serialization, long id,
      Request request) {
    writeHeader(frame, serialization, request.oneway() ? FrameHeader.FLAG_ONEWAY : 0, 0, id);
    writeShortString(frame, request.service().name());
    writeShortString(frame, request.service().tag());
    frame.writeInt(request.methodId());
    frame.writeLong(request.timeoutMicros());
    if (request.attachments().size() > MAX_ATTACHMENTS) {
      throw new IllegalArgumentException(request.attachments().size()
          + " attachments; at most " + MAX_ATTACHMENTS + " may travel with a call");
    }
    frame.writeShort(request.attachments().size());
    int attachmentsStart = frame.writerIndex();
    for (Map.Entry<String, String> attachment : request.attachments().entrySet()) {
      writeShortString(frame, attachment.getKey());
      writeShortString(frame, attachment.getValue());
    }
    if (frame.writerIndex() - attachmentsStart > MAX_ATTACHMENT_BYTES) {
      throw new IllegalArgumentException("attachments of " + (frame.writerIndex()
          - attachmentsStart) + " bytes; at most " + MAX_ATTACHMENT_BYTES + " may travel");
    }
  }

  /**
   * A reply frame to message {@code id}, built as {@link #request} builds one, or, when the body
   * starts just after room for the header (a reply body built for its frame, as {@code
   * BodyWriter.finish(allocator, FrameHeader.SIZE)} builds it), the body itself with the header
   * written there. The response keeps its own reference.
   */
  public static ByteBuf response(ByteBufAllocator allocator, long id, int serialization,
      Response response) {
    ByteBuf body = response.body();
    if (body.readerIndex() == FrameHeader.SIZE && !body.isReadOnly()) {
      int end = body.writerIndex();
      body.setIndex(0, 0);
      writeHeader(body, serialization, FrameHeader.FLAG_RESPONSE, response.status(), id);
      return finish(body.writerIndex(end)).retain();
    }
    ByteBuf header = allocator.buffer(FrameHeader.SIZE + copiedSize(allocator, response.body()));
    writeHeader(header, serialization, FrameHeader.FLAG_RESPONSE, response.status(), id);
    return withBody(allocator, header, response.body());
  }

  /** A heartbeat: a request when {@code reply} is false, the answer to one otherwise. */
  public static ByteBuf heartbeat(ByteBufAllocator allocator, long id, boolean reply) {
    ByteBuf frame = allocator.buffer(FrameHeader.SIZE, FrameHeader.SIZE);
    int flags = FrameHeader.FLAG_HEARTBEAT | (reply ? FrameHeader.FLAG_RESPONSE : 0);
    writeHeader(frame, 0, flags, 0, id);
    return finish(frame);
  }

  /** A server's notice that it is closing: no body, message id 0. */
  public static ByteBuf goAway(ByteBufAllocator allocator) {
    ByteBuf frame = allocator.buffer(FrameHeader.SIZE, FrameHeader.SIZE);
    writeHeader(frame, 0, FrameHeader.FLAG_GOAWAY, 0, 0);
    return finish(frame);
  }

  /**
   * A client's notice that it gave up on call {@code id}: no body, and no reply to it. It carries
   * the connection's serialization type, so that a server older than the cancel frame takes it
   * for a malformed request and answers BAD_REQUEST (which the client drops) rather than closing
   * the connection.
   */
  public static ByteBuf cancel(ByteBufAllocator allocator, long id, int serialization) {
    ByteBuf frame = allocator.buffer(FrameHeader.SIZE, FrameHeader.SIZE);
    writeHeader(frame, serialization, FrameHeader.FLAG_CANCEL, 0, id);
    return finish(frame);
  }

  /**
   * Writes a header whose body size is 0 until {@link #finish}: magic, header size, version,
   * serialization, flags, status and the reserved byte, big-endian, make the first eight bytes,
   * written at once, as are the id and the body size.
   */
  private static void writeHeader(ByteBuf frame, int serialization, int flags, int status,
      long id) {
    frame.writeLong((FrameHeader.MAGIC & 0xffffL) << 48
        | (FrameHeader.SIZE & 0xffL) << 40
        | (FrameHeader.VERSION & 0xffL) << 32
        | (serialization & 0xffL) << 24
        | (flags & 0xffL) << 16
        | (status & 0xffL) << 8);
    frame.writeLong(id);
    frame.writeInt(0);
  }

  /** Fills in the body size now that the frame is complete. */
  private static ByteBuf finish(ByteBuf frame) {
    frame.setInt(FrameHeader.BODY_SIZE_OFFSET, frame.readableBytes() - FrameHeader.SIZE);
    return frame;
  }

  /** The bytes of the call prefix (service, tag, method, timeout, attachments) on the wire. */
  private static int prefixSize(ServiceKey service, Map<String, String> attachments) {
    int size = 2 + ByteBufUtil.utf8Bytes(service.name())
        + 2 + ByteBufUtil.utf8Bytes(service.tag()) + 4 + 8 + 2;
    for (Map.Entry<String, String> attachment : attachments.entrySet()) {
      size += 2 + ByteBufUtil.utf8Bytes(attachment.getKey())
          + 2 + ByteBufUtil.utf8Bytes(attachment.getValue());
    }
    return size;
  }

  /**
   * Whether a frame taken from {@code frames} copies {@code body} behind its head rather than
   * chaining it: a small body, which costs less to copy than the composite buffer that avoids it,
   * and a heap body in a frame of the event loop's memory, which the socket could not take without
   * a copy anyway. A large body in a frame on the heap ({@link Bodies}, where frames built off the
   * event loop go) is chained: the write queue copies those frames into a direct buffer of its own
   * as it writes them ({@code WriteQueue}), and a copy here would be a second.
   */
  private static boolean copied(ByteBufAllocator frames, ByteBuf body) {
    return body.readableBytes() <= COPY_LIMIT || (!body.isDirect() && frames != Bodies.ALLOCATOR);
  }

  private static int copiedSize(ByteBufAllocator frames, ByteBuf body) {
    return copied(frames, body) ? body.readableBytes() : 0;
  }

  /** {@code head} followed by {@code body}, copied or chained; sets the body size in the header. */
  private static ByteBuf withBody(ByteBufAllocator allocator, ByteBuf head, ByteBuf body) {
    head.setInt(FrameHeader.BODY_SIZE_OFFSET,
        head.readableBytes() - FrameHeader.SIZE + body.readableBytes());
    if (copied(allocator, body)) {
      return head.writeBytes(body, body.readerIndex(), body.readableBytes());
    }
    return allocator.compositeBuffer(2).addComponents(true, head, body.retainedSlice());
  }

  private static void writeShortString(ByteBuf out, String value) {
    int lengthIndex = out.writerIndex();
    out.writeShort(0);
    // Reserves the exact length: writeCharSequence would make room for three bytes a char and
    // grow the frame, which is sized exactly, taking a second buffer on every call.
    int length = ByteBufUtil.reserveAndWriteUtf8(out, value, ByteBufUtil.utf8Bytes(value));
    if (length > MAX_SHORT_STRING) {
      throw new IllegalArgumentException("string of " + length + " bytes, over the "
          + MAX_SHORT_STRING + " a short string may take: " + WireStrings.excerpt(value));
    }
    out.setShort(lengthIndex, length);
  }
}
