package dev.vireo.rpc.stub;

/**
 * Writes a request's arguments, or a reply's result, each with its static type: primitives as
 * primitives, without boxing.
 *
 * <p>A writer never throws. The first value that cannot be encoded is recorded, later writes are
 * ignored, and the call it belongs to fails with {@code SERIALIZATION} when it is sent, so an
 * asynchronous call reports the failure through its future like any other.
 */
public interface ValueWriter {
  void writeBoolean(boolean value);

  void writeByte(byte value);

  void writeShort(short value);

  void writeChar(char value);

  void writeInt(int value);

  void writeLong(long value);

  void writeFloat(float value);

  void writeDouble(double value);

  /** Writes a string, which may be null. */
  void writeString(String value);

  /**
   * Writes any other value, which may be null. Its runtime class, not only the declared one, must
   * be a type registered for the service.
   */
  void writeObject(Object value);
}
