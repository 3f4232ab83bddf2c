package dev.vireo.rpc.stub;

/** Encodes the value an asynchronous implementation completed its future with. */
@FunctionalInterface
public interface ResultWriter<R> {
  void write(ArgumentWriter out, R value);
}
