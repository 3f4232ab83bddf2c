package dev.vireo.bench.e2e;

/**
 * The four operations of the UserService workload, as one system's client performs them with its
 * own types and inputs, prepared in advance. Thread-safe: all benchmark threads share one.
 */
public interface Workload extends AutoCloseable {
  Object existUser();

  Object createUser();

  Object getUser();

  Object listUser();

  @Override
  void close();
}
