package dev.vireo.rpc.it.services;

import dev.vireo.rpc.annotation.Remote;

public final class Outer {
  private Outer() {}

  /** A nested service: its generated types are Outer_InnerVireo and Outer_InnerAsync. */
  @Remote
  public interface Inner {
    String hello(String who);
  }
}
