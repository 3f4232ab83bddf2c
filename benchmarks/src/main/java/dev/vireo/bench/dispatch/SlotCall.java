package dev.vireo.bench.dispatch;

import dev.vireo.rpc.stub.ValueReader;
import dev.vireo.rpc.stub.ValueWriter;
import dev.vireo.rpc.stub.ClientCall;
import dev.vireo.rpc.stub.MethodDescriptor;
import dev.vireo.rpc.stub.ResultDecoder;
import dev.vireo.rpc.stub.ResultEncoder;
import dev.vireo.rpc.stub.ServerCall;
import dev.vireo.rpc.stub.ServiceDispatcher;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A call that goes straight from a client stub to a server dispatcher in the same thread, its
 * values held in slots instead of being encoded: what binding a call costs, without serialization
 * or I/O. One per benchmark thread, reused for every call, so it allocates nothing itself.
 */
final class SlotCall implements ClientCall, ValueWriter, ValueReader {
  private final ServiceDispatcher dispatcher;
  private final ServerCall serverSide = new ServerSide();
  private final long[] numbers = new long[16];
  private final Object[] objects = new Object[16];
  private MethodDescriptor method;
  private int writeIndex;
  private int readIndex;

  SlotCall(ServiceDispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  SlotCall start(MethodDescriptor method) {
    this.method = method;
    writeIndex = 0;
    return this;
  }

  @Override
  public ValueWriter arguments() {
    return this;
  }

  @Override
  public ValueReader invoke() {
    readIndex = 0;
    try {
      dispatcher.dispatch(method.id(), serverSide);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    readIndex = 0;
    return this;
  }

  @Override
  public <R> CompletableFuture<R> invokeAsync(ResultDecoder<R> decoder) {
    return CompletableFuture.completedFuture(decoder.decode(invoke()));
  }

  @Override
  public void invokeOneway() {
    invoke();
  }

  /**
   * Nothing to release: the next call overwrites the slots. (Clearing the object slots here cost
   * 3-4 ns per call, which is the harness's bookkeeping, not binding.)
   */
  @Override
  public void close() {}

  /** The same slots, as the dispatcher sees them. */
  private final class ServerSide implements ServerCall {
    @Override
    public ValueReader arguments() {
      return SlotCall.this;
    }

    @Override
    public ValueWriter result() {
      writeIndex = 0;
      return SlotCall.this;
    }

    @Override
    public <R> void resultLater(CompletionStage<R> result, ResultEncoder<? super R> encoder) {
      encoder.encode(result(), result.toCompletableFuture().join());
    }
  }

  @Override
  public void writeBoolean(boolean value) {
    numbers[writeIndex++] = value ? 1 : 0;
  }

  @Override
  public void writeByte(byte value) {
    numbers[writeIndex++] = value;
  }

  @Override
  public void writeShort(short value) {
    numbers[writeIndex++] = value;
  }

  @Override
  public void writeChar(char value) {
    numbers[writeIndex++] = value;
  }

  @Override
  public void writeInt(int value) {
    numbers[writeIndex++] = value;
  }

  @Override
  public void writeLong(long value) {
    numbers[writeIndex++] = value;
  }

  @Override
  public void writeFloat(float value) {
    numbers[writeIndex++] = Float.floatToRawIntBits(value);
  }

  @Override
  public void writeDouble(double value) {
    numbers[writeIndex++] = Double.doubleToRawLongBits(value);
  }

  @Override
  public void writeString(String value) {
    objects[writeIndex++] = value;
  }

  @Override
  public void writeObject(Object value) {
    objects[writeIndex++] = value;
  }

  @Override
  public boolean readBoolean() {
    return numbers[readIndex++] != 0;
  }

  @Override
  public byte readByte() {
    return (byte) numbers[readIndex++];
  }

  @Override
  public short readShort() {
    return (short) numbers[readIndex++];
  }

  @Override
  public char readChar() {
    return (char) numbers[readIndex++];
  }

  @Override
  public int readInt() {
    return (int) numbers[readIndex++];
  }

  @Override
  public long readLong() {
    return numbers[readIndex++];
  }

  @Override
  public float readFloat() {
    return Float.intBitsToFloat((int) numbers[readIndex++]);
  }

  @Override
  public double readDouble() {
    return Double.longBitsToDouble(numbers[readIndex++]);
  }

  @Override
  public String readString() {
    return (String) objects[readIndex++];
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T readObject(Class<? super T> type) {
    return (T) objects[readIndex++];
  }
}
