package dev.vireo.rpc.it;

/** The transports every behaviour test runs over. */
enum Transport {
  IN_PROCESS,
  TCP
}
