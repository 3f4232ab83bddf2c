package dev.vireo.rpc.stub;

/** Decodes the result of an asynchronous call once its reply arrives. */
@FunctionalInterface
public interface ResultDecoder<R> {
  R decode(ValueReader in);
}
