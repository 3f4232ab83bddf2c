package dev.vireo.rpc.tracing.opentelemetry;

import dev.vireo.rpc.annotation.Remote;

/** A service that may pass a call on to another server. */
@Remote("test.Relay")
public interface Relay {
  /** Answers itself, or asks the next server if there is one. */
  String relay(String text);

  /** Always throws: a business exception. */
  String refuse(String text);
}
