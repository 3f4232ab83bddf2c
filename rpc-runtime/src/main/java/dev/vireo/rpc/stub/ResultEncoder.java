package dev.vireo.rpc.stub;

/** Encodes the value an asynchronous implementation completed its future with. */
@FunctionalInterface
public interface ResultEncoder<R> {
  void encode(ValueWriter out, R value);
}
