package dev.vireo.rpc.internal.protocol;

import java.util.Objects;

/**
 * Names one exported implementation: the service name and a tag ({@code ""} for the default
 * implementation).
 */
public record ServiceKey(String name, String tag) {
  public ServiceKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(tag, "tag");
  }

  // Written out rather than left to the record's methods, which run through method handles: every
  // request is looked up by its key, and those handles showed in the server's profile.
  @Override
  public boolean equals(Object other) {
    return other instanceof ServiceKey key && name.equals(key.name) && tag.equals(key.tag);
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + tag.hashCode();
  }

  @Override
  public String toString() {
    return tag.isEmpty() ? name : name + ":" + tag;
  }
}
