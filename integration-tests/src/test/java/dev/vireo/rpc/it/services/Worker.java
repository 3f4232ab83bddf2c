package dev.vireo.rpc.it.services;

import dev.vireo.rpc.annotation.Remote;
import dev.vireo.rpc.annotation.Timeout;

/** A job that runs until the test lets it finish, or until its caller gives up on it. */
@Remote
public interface Worker {
  /** Returns whether the job saw its caller give up before it was let finish. */
  @Timeout(millis = 30_000)
  boolean work(String job);

  /** Answers at once: a call to see that the server has read what was sent before it. */
  int ping(int value);
}
