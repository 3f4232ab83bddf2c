package dev.vireo.rpc.internal.serialization;

import dev.vireo.rpc.RpcException;
import dev.vireo.rpc.RpcStatus;
import java.nio.charset.StandardCharsets;
import org.apache.fory.Fory;
import org.apache.fory.memory.MemoryBuffer;

/**
 * Reads what {@link ForyBodyWriter} wrote. Every failure becomes {@code SERIALIZATION}, and so does
 * every read after it. The codec goes back to its pool as soon as the body is read to its end, a
 * read fails, or the reader is closed, whichever comes first: a server's arguments are read before
 * the implementation runs, so a blocked implementation holds no codec.
 */
final class ForyBodyReader implements BodyReader {
  /** Causes looked through for the reason of a failure, in case a chain loops. */
  private static final int MAX_CAUSES = 16;

  private final ForyCodec codec;
  private final CodecPool pool;
  private final Fory fory;
  private final MemoryBuffer buffer;
  private final Thread owner = Thread.currentThread();
  private boolean failed;
  private boolean closed;
  /** Whether the codec went back to the pool; the buffer is then no longer this reader's. */
  private boolean givenBack;

  ForyBodyReader(ForyCodec codec, CodecPool pool, MemoryBuffer buffer) {
    this.codec = codec;
    this.pool = pool;
    this.fory = codec.fory;
    this.buffer = buffer;
    giveBackIfDone();
  }

  @Override
  public boolean readBoolean() {
    usable("boolean");
    boolean value;
    try {
      value = buffer.readBoolean();
    } catch (RuntimeException e) {
      throw failure("boolean", e);
    }
    giveBackIfDone();
    return value;
  }

  @Override
  public byte readByte() {
    usable("byte");
    byte value;
    try {
      value = buffer.readByte();
    } catch (RuntimeException e) {
      throw failure("byte", e);
    }
    giveBackIfDone();
    return value;
  }

  @Override
  public short readShort() {
    usable("short");
    short value;
    try {
      value = buffer.readInt16();
    } catch (RuntimeException e) {
      throw failure("short", e);
    }
    giveBackIfDone();
    return value;
  }

  @Override
  public char readChar() {
    usable("char");
    char value;
    try {
      value = buffer.readChar();
    } catch (RuntimeException e) {
      throw failure("char", e);
    }
    giveBackIfDone();
    return value;
  }

  @Override
  public int readInt() {
    usable("int");
    int value;
    try {
      value = buffer.readVarInt32();
    } catch (RuntimeException e) {
      throw failure("int", e);
    }
    giveBackIfDone();
    return value;
  }

  @Override
  public long readLong() {
    usable("long");
    long value;
    try {
      value = buffer.readVarInt64();
    } catch (RuntimeException e) {
      throw failure("long", e);
    }
    giveBackIfDone();
    return value;
  }

  @Override
  public float readFloat() {
    usable("float");
    float value;
    try {
      value = buffer.readFloat32();
    } catch (RuntimeException e) {
      throw failure("float", e);
    }
    giveBackIfDone();
    return value;
  }

  @Override
  public double readDouble() {
    usable("double");
    double value;
    try {
      value = buffer.readFloat64();
    } catch (RuntimeException e) {
      throw failure("double", e);
    }
    giveBackIfDone();
    return value;
  }

  @Override
  public String readString() {
    usable("String");
    String value;
    try {
      value = string();
    } catch (RuntimeException e) {
      throw failure("String", e);
    }
    giveBackIfDone();
    return value;
  }

  private String string() {
    int lengthPlusOne = buffer.readVarUInt32();
    if (lengthPlusOne == 0) {
      return null;
    }
    int length = lengthPlusOne - 1;
    if (length < 0 || length > buffer.remaining()) {
      throw new IndexOutOfBoundsException(
          "string of " + length + " bytes with " + buffer.remaining() + " left in the body");
    }
    return new String(buffer.readBytes(length), StandardCharsets.UTF_8);
  }

  @Override
  public <T> T readObject(Class<? super T> type) {
    usable(type.getName());
    Object value;
    try {
      value = fory.deserialize(buffer, type);
    } catch (RuntimeException | StackOverflowError e) {
      throw failure(type.getName(), e);
    }
    giveBackIfDone();
    if (value != null && !type.isInstance(value)) {
      throw failure(type.getName(), new ClassCastException(
          "the body holds a " + value.getClass().getName()));
    }
    @SuppressWarnings("unchecked") // checked against type just above
    T typed = (T) value;
    return typed;
  }

  @Override
  public boolean failed() {
    return failed;
  }

  @Override
  public void close() {
    closed = true;
    giveBack();
  }

  /**
   * After one failure the body is not trusted: every later read fails too. A reader may not be
   * used after it was closed, or off the thread that created it.
   */
  private void usable(String what) {
    if (failed) {
      throw new RpcException(RpcStatus.SERIALIZATION, "read after a failed read of the body");
    }
    if (closed) {
      throw new IllegalStateException("a body reader was used after it was closed");
    }
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException("a body reader was used off the thread that created it");
    }
    if (givenBack) {
      throw failure(what, new IndexOutOfBoundsException("the body has no bytes left"));
    }
  }

  private void giveBackIfDone() {
    if (!givenBack && buffer.remaining() <= 0) {
      giveBack();
    }
  }

  private void giveBack() {
    if (!givenBack) {
      givenBack = true;
      codec.reads.clear();
      pool.giveBack(codec);
    }
  }

  private RpcException failure(String what, Throwable cause) {
    failed = true;
    giveBack();
    return new RpcException(
        RpcStatus.SERIALIZATION, "could not decode a " + what + ": " + reason(cause), cause);
  }

  /**
   * What went wrong in the words of whoever found it: Fory wraps the error of a nested value in
   * one of its own that says only that decoding failed.
   */
  private static String reason(Throwable failure) {
    String reason = failure.getMessage();
    Throwable cause = failure.getCause();
    for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++) {
      if (cause.getMessage() != null) {
        reason = cause.getMessage();
      }
      cause = cause.getCause();
    }
    return reason;
  }
}
