package dev.vireo.rpc.stub;

/**
 * Reads what an {@link ValueWriter} wrote, in the same order and with the same static types.
 * A value that cannot be decoded fails with an {@code RpcException} whose status is {@code
 * SERIALIZATION}; a class that is not registered for the service is refused before it is
 * instantiated.
 */
public interface ValueReader {
  boolean readBoolean();

  byte readByte();

  short readShort();

  char readChar();

  int readInt();

  long readLong();

  float readFloat();

  double readDouble();

  String readString();

  /**
   * Reads a value written by {@link ValueWriter#writeObject}. {@code type} is the erasure of the
   * declared type; the value read is checked against it.
   */
  <T> T readObject(Class<? super T> type);
}
