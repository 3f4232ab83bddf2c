package dev.vireo.rpc.internal.serialization;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import org.apache.fory.Fory;
import org.apache.fory.memory.MemoryBuffer;

/**
 * Writes a body into its codec's scratch buffer, and gives the codec back once the body is
 * finished or discarded: primitives in Fory's compact encodings, strings
 * as a length-prefixed UTF-8 run, other values as Fory root objects (with their registered type
 * id, so subclasses and interface-typed values round-trip). See {@code docs/protocol.md}.
 */
final class ForyBodyWriter implements BodyWriter {
  private final ForyCodec codec;
  private final CodecPool pool;
  private final Fory fory;
  private MemoryBuffer buffer;
  private Throwable failure;
  /** Where the first value ends: the buffer's length when the second value starts; -1 before. */
  private int firstValueEnd = -1;

  ForyBodyWriter(ForyCodec codec, CodecPool pool) {
    this.codec = codec;
    this.pool = pool;
    this.fory = codec.fory;
    this.buffer = codec.scratch.start();
  }

  @Override
  public void writeBoolean(boolean value) {
    if (writable()) {
      buffer.writeBoolean(value);
    }
  }

  @Override
  public void writeByte(byte value) {
    if (writable()) {
      buffer.writeByte(value);
    }
  }

  @Override
  public void writeShort(short value) {
    if (writable()) {
      buffer.writeInt16(value);
    }
  }

  @Override
  public void writeChar(char value) {
    if (writable()) {
      buffer.writeChar(value);
    }
  }

  @Override
  public void writeInt(int value) {
    if (writable()) {
      buffer.writeVarInt32(value);
    }
  }

  @Override
  public void writeLong(long value) {
    if (writable()) {
      buffer.writeVarInt64(value);
    }
  }

  @Override
  public void writeFloat(float value) {
    if (writable()) {
      buffer.writeFloat32(value);
    }
  }

  @Override
  public void writeDouble(double value) {
    if (writable()) {
      buffer.writeFloat64(value);
    }
  }

  @Override
  public void writeString(String value) {
    if (!writable()) {
      return;
    }
    if (value == null) {
      buffer.writeVarUInt32(0);
      return;
    }
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    buffer.writeVarUInt32(utf8.length + 1);
    buffer.writeBytes(utf8);
  }

  @Override
  public void writeObject(Object value) {
    if (!writable()) {
      return;
    }
    try {
      fory.serialize(buffer, value);
    } catch (RuntimeException | StackOverflowError e) {
      failure = e;
    }
  }

  @Override
  public Throwable failure() {
    return failure;
  }

  @Override
  public int firstValueHash() {
    if (buffer == null) {
      throw new IllegalStateException("firstValueHash() after the writer was finished");
    }
    int end = firstValueEnd >= 0 ? firstValueEnd : buffer.writerIndex();
    int hash = 0x811c9dc5;
    for (int i = 0; i < end; i++) {
      hash = (hash ^ (buffer.getByte(i) & 0xff)) * 0x01000193;
    }
    return end == 0 ? 0 : hash;
  }

  @Override
  public int size() {
    if (buffer == null) {
      throw new IllegalStateException("size() after the writer was finished or discarded");
    }
    return buffer.writerIndex();
  }

  @Override
  public ByteBuf finish(ByteBufAllocator allocator, int headroom) {
    if (failure != null) {
      throw new IllegalStateException("the body failed to encode", failure);
    }
    if (buffer == null) {
      throw new IllegalStateException("finish() after the writer was finished or discarded");
    }
    int length = buffer.writerIndex();
    ByteBuf body = allocator.buffer(headroom + length, headroom + length);
    body.setIndex(headroom, headroom).writeBytes(buffer.getHeapMemory(), 0, length);
    discard();
    return body;
  }

  @Override
  public void discard() {
    if (buffer != null) {
      buffer = null;
      codec.scratch.finished();
      pool.giveBack(codec);
    }
  }

  private boolean writable() {
    if (buffer == null) {
      throw new IllegalStateException("write after the writer was finished or discarded");
    }
    if (firstValueEnd < 0 && buffer.writerIndex() > 0) {
      firstValueEnd = buffer.writerIndex();
    }
    return failure == null;
  }
}
