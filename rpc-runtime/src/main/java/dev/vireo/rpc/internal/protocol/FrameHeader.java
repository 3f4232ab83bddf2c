package dev.vireo.rpc.internal.protocol;

/**
 * The fixed header that starts every frame on a connection. All numbers are big-endian.
 *
 * <pre>
 *  byte  0       1       2       3       4       5       6       7
 *      +-------+-------+-------+-------+-------+-------+-------+-------+
 *    0 |  magic 'V' 'R'| hsize |version|  ser  | flags |status | rsvd  |
 *      +-------+-------+-------+-------+-------+-------+-------+-------+
 *    8 |                      message id (int64)                       |
 *      +-------+-------+-------+-------+-------+-------+-------+-------+
 *   16 |       body size (uint32)      |  ...header extensions (hsize - 20 bytes)
 *      +-------+-------+-------+-------+
 * </pre>
 *
 * <ul>
 *   <li>{@code hsize}: the header's length in bytes, 20 in this version. A reader skips bytes
 *       beyond the 20 it knows, so later versions can extend the header.
 *   <li>{@code ser}: the serialization type of the body's arguments or result (1: Fory).
 *   <li>{@code flags}: bit 0 response, bit 1 one-way, bit 2 heartbeat, bit 3 going away; other
 *       bits are 0.
 *   <li>{@code status}: a reply's status ({@link ResponseStatus}); 0 in requests.
 *   <li>{@code message id}: chosen by the sender of a request, echoed by its reply.
 * </ul>
 */
public final class FrameHeader {
  /** 'V' 'R'. */
  public static final short MAGIC = 0x5652;
  public static final int SIZE = 20;
  public static final int VERSION = 1;

  public static final int FLAG_RESPONSE = 1;
  public static final int FLAG_ONEWAY = 1 << 1;
  public static final int FLAG_HEARTBEAT = 1 << 2;
  /** From a server: it is closing; send it no new calls, and close once the last reply is in. */
  public static final int FLAG_GOAWAY = 1 << 3;
  /** From a client: it gave up on the call with this frame's id; no body, no reply. */
  public static final int FLAG_CANCEL = 1 << 4;
  /** The flags of frames that carry no call: heartbeats, going away, cancel. */
  public static final int CONTROL_FLAGS = FLAG_HEARTBEAT | FLAG_GOAWAY | FLAG_CANCEL;

  /** Offsets of the fields within the header. */
  public static final int MAGIC_OFFSET = 0;
  public static final int SIZE_OFFSET = 2;
  public static final int VERSION_OFFSET = 3;
  public static final int SERIALIZATION_OFFSET = 4;
  public static final int FLAGS_OFFSET = 5;
  public static final int STATUS_OFFSET = 6;
  public static final int ID_OFFSET = 8;
  public static final int BODY_SIZE_OFFSET = 16;

  /** The default limit of a body, {@code maxFrameSize} on both builders: 16 MiB. */
  public static final int DEFAULT_MAX_BODY_SIZE = 16 << 20;

  private FrameHeader() {}
}
