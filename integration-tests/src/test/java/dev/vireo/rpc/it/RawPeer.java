package dev.vireo.rpc.it;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A client that speaks the protocol by hand, from {@code docs/protocol.md}, or breaks it on
 * purpose: it writes whatever bytes a test gives it and reads frames back without the runtime.
 */
final class RawPeer implements AutoCloseable {
  static final int HEADER_SIZE = 20;
  static final int FLAG_ONEWAY = 0x02;

  private final Socket socket;
  private final OutputStream out;
  private final DataInputStream in;

  private RawPeer(Socket socket) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
    this.in = new DataInputStream(socket.getInputStream());
  }

  static RawPeer connect(int port) throws IOException {
    return connect(port, 0);
  }

  /** Connects with a receive buffer of {@code receiveBuffer} bytes (0: the system's). */
  static RawPeer connect(int port, int receiveBuffer) throws IOException {
    Socket socket = new Socket();
    if (receiveBuffer > 0) {
      socket.setReceiveBufferSize(receiveBuffer);
    }
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    socket.setSoTimeout(10_000);
    return new RawPeer(socket);
  }

  void send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** A frame header: version 1, serialization 1, status 0. */
  static ByteBuffer header(int flags, long id, long bodySize) {
    return ByteBuffer.allocate(HEADER_SIZE).putShort((short) 0x5652).put((byte) HEADER_SIZE)
        .put((byte) 1).put((byte) 1).put((byte) flags).put((byte) 0).put((byte) 0).putLong(id)
        .putInt((int) bodySize).flip();
  }

  /**
   * A whole request frame: the call prefix for {@code method} of {@code service} (default tag,
   * no timeout), the attachments given as alternating keys and values, then {@code arguments}.
   */
  static byte[] request(long id, String service, String method, byte[] arguments,
      String... attachments) {
    ByteBuffer prefix = ByteBuffer.allocate(64 + service.length() * 3
        + lengthOf(attachments) + arguments.length);
    shortString(prefix, service);
    shortString(prefix, "");
    prefix.putInt(methodId(method)).putLong(0).putShort((short) (attachments.length / 2));
    for (String text : attachments) {
      shortString(prefix, text);
    }
    prefix.put(arguments).flip();
    ByteBuffer frame = ByteBuffer.allocate(HEADER_SIZE + prefix.remaining());
    frame.put(header(0, id, prefix.remaining())).put(prefix);
    return frame.array();
  }

  private static int lengthOf(String[] texts) {
    int length = 0;
    for (String text : texts) {
      length += 2 + text.getBytes(StandardCharsets.UTF_8).length;
    }
    return length;
  }

  private static void shortString(ByteBuffer out, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    out.putShort((short) bytes.length).put(bytes);
  }

  /** The method id of §1.1: FNV-1a 32 of the signature's UTF-8 bytes. */
  static int methodId(String signature) {
    int hash = 0x811c9dc5;
    for (byte b : signature.getBytes(StandardCharsets.UTF_8)) {
      hash = (hash ^ (b & 0xff)) * 0x01000193;
    }
    return hash;
  }

  /** A frame read back: its header fields and body. */
  record Frame(int flags, int status, long id, byte[] body) {
    /** The message of a status-error body: a flags byte, then a big-endian wire string. */
    String errorMessage() {
      ByteBuffer in = ByteBuffer.wrap(body);
      in.get();
      byte[] text = new byte[in.getInt()];
      in.get(text);
      return new String(text, StandardCharsets.UTF_8);
    }
  }

  Frame readFrame() throws IOException {
    byte[] header = new byte[HEADER_SIZE];
    in.readFully(header);
    ByteBuffer fields = ByteBuffer.wrap(header);
    int flags = fields.get(5) & 0xff;
    int status = fields.get(6) & 0xff;
    long id = fields.getLong(8);
    byte[] body = new byte[fields.getInt(16)];
    in.readFully(body);
    return new Frame(flags, status, id, body);
  }

  /**
   * Whether the server closes this connection within {@code patience}, reading (and dropping)
   * whatever it sends until then.
   */
  boolean closedByServerWithin(Duration patience) throws IOException {
    long deadline = System.nanoTime() + patience.toNanos();
    byte[] sink = new byte[8192];
    while (System.nanoTime() < deadline) {
      socket.setSoTimeout((int) Math.max(1, Math.min(500,
          (deadline - System.nanoTime()) / 1_000_000)));
      try {
        if (in.read(sink) < 0) {
          return true;
        }
      } catch (SocketTimeoutException stillOpen) {
        // keep waiting
      } catch (EOFException | java.net.SocketException reset) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
