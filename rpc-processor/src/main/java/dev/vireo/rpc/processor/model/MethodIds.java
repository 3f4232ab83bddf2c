package dev.vireo.rpc.processor.model;

import java.nio.charset.StandardCharsets;

/**
 * Derives a method's wire id from its signature, never from declaration order, so that adding or
 * reordering methods leaves every existing id as it was. The id is the 32-bit FNV-1a hash of the
 * UTF-8 bytes of the signature, e.g. {@code getUser(long)} or {@code
 * find(java.lang.String,java.util.List)}; {@code docs/protocol.md} specifies it for other
 * implementations.
 */
public final class MethodIds {
  private static final int FNV_OFFSET_BASIS = 0x811c9dc5;
  private static final int FNV_PRIME = 0x01000193;

  private MethodIds() {}

  public static int of(String signature) {
    int hash = FNV_OFFSET_BASIS;
    for (byte b : signature.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= FNV_PRIME;
    }
    return hash;
  }
}
