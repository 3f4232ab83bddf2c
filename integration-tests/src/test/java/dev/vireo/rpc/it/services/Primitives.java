package dev.vireo.rpc.it.services;

import dev.vireo.rpc.annotation.Remote;

/** Every primitive, their arrays, boxes and strings, each with its static type. */
@Remote
public interface Primitives {
  boolean not(boolean value);

  byte nextByte(byte value);

  short nextShort(short value);

  char nextChar(char value);

  int nextInt(int value);

  long nextLong(long value);

  float half(float value);

  double half(double value);

  String echo(String value);

  Integer boxed(Integer value);

  String mixed(boolean z, byte b, short s, char c, int i, long j, float f, double d, String text);

  int sum(int[] values);

  long[] reversed(long[] values);

  byte[] bytes(byte[] values);

  byte[] filled(int size, byte value);

  boolean[] negated(boolean[] values);

  char[] upper(char[] values);

  double[][] transposed(double[][] matrix);

  String[] echoAll(String... values);

  void nothing();
}
