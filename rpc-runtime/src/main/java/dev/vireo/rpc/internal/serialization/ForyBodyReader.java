package dev.vireo.rpc.internal.serialization;

import dev.vireo.rpc.RpcException;
import dev.vireo.rpc.RpcStatus;
import java.nio.charset.StandardCharsets;
import org.apache.fory.Fory;
import org.apache.fory.memory.MemoryBuffer;

/**
 * Reads what {@link ForyBodyWriter} wrote. Every failure becomes {@code SERIALIZATION}, and so does
 * every read after it.
 */
final class ForyBodyReader implements BodyReader {
  private final Fory fory;
  private final MemoryBuffer buffer;
  private final ReadBuffer owner;
  private final int loan;
  private boolean failed;

  ForyBodyReader(Fory fory, MemoryBuffer buffer, ReadBuffer owner, int loan) {
    this.fory = fory;
    this.buffer = buffer;
    this.owner = owner;
    this.loan = loan;
  }

  @Override
  public boolean readBoolean() {
    usable();
    try {
      return buffer.readBoolean();
    } catch (RuntimeException e) {
      throw failure("boolean", e);
    }
  }

  @Override
  public byte readByte() {
    usable();
    try {
      return buffer.readByte();
    } catch (RuntimeException e) {
      throw failure("byte", e);
    }
  }

  @Override
  public short readShort() {
    usable();
    try {
      return buffer.readInt16();
    } catch (RuntimeException e) {
      throw failure("short", e);
    }
  }

  @Override
  public char readChar() {
    usable();
    try {
      return buffer.readChar();
    } catch (RuntimeException e) {
      throw failure("char", e);
    }
  }

  @Override
  public int readInt() {
    usable();
    try {
      return buffer.readVarInt32();
    } catch (RuntimeException e) {
      throw failure("int", e);
    }
  }

  @Override
  public long readLong() {
    usable();
    try {
      return buffer.readVarInt64();
    } catch (RuntimeException e) {
      throw failure("long", e);
    }
  }

  @Override
  public float readFloat() {
    usable();
    try {
      return buffer.readFloat32();
    } catch (RuntimeException e) {
      throw failure("float", e);
    }
  }

  @Override
  public double readDouble() {
    usable();
    try {
      return buffer.readFloat64();
    } catch (RuntimeException e) {
      throw failure("double", e);
    }
  }

  @Override
  public String readString() {
    usable();
    try {
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
    } catch (RuntimeException e) {
      throw failure("String", e);
    }
  }

  @Override
  public <T> T readObject(Class<? super T> type) {
    usable();
    Object value;
    try {
      value = fory.deserialize(buffer, type);
    } catch (RuntimeException | StackOverflowError e) {
      throw failure(type.getName(), e);
    }
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

  /**
   * After one failure the body is not trusted: every later read fails too. A reader whose body
   * was displaced by a later one on its thread, or that is used from another thread, may not read.
   */
  private void usable() {
    if (failed) {
      throw new RpcException(RpcStatus.SERIALIZATION, "read after a failed read of the body");
    }
    if (!owner.isCurrent(loan)) {
      throw new IllegalStateException(
          "a body reader was used after another body was loaded on its thread, or off its thread");
    }
  }

  private RpcException failure(String what, Throwable cause) {
    failed = true;
    return new RpcException(
        RpcStatus.SERIALIZATION, "could not decode a " + what + ": " + cause.getMessage(), cause);
  }
}
