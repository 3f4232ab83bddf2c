package dev.vireo.rpc.it.services;

import dev.vireo.rpc.annotation.Remote;

/** Reports, from the server, what the call context held. */
@Remote
public interface ContextProbe {
  String attachment(String key);

  long remainingMillis();

  /** Calls {@link #remainingMillis()} again, from inside this call, and returns what it saw. */
  long nestedRemainingMillis();
}
