package dev.vireo.rpc.internal.serialization;

import java.nio.charset.StandardCharsets;

/** The tags the processor gives record fields, for codecs written by hand in tests. */
final class RecordTags {
  private RecordTags() {}

  /** The FNV-1a hash of {@code hashed} (a name, or name:type), its low three bits the kind. */
  static int tag(String hashed, int kind) {
    int hash = 0x811c9dc5;
    for (byte b : hashed.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x01000193;
    }
    return (hash & ~7) | kind;
  }
}
