package dev.vireo.rpc.it.services;

import dev.vireo.rpc.annotation.Remote;

@Remote
public interface Scaler {
  /** The scaling asked for, then the other one. */
  Scaling[] andTheOther(Scaling scaling);
}
