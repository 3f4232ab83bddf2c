package dev.vireo.rpc.protocol;

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

  @Override
  public String toString() {
    return tag.isEmpty() ? name : name + ":" + tag;
  }
}
