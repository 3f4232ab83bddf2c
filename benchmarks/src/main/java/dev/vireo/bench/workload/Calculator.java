package dev.vireo.bench.workload;

import dev.vireo.rpc.annotation.Remote;

/** A primitive-only method, to see what binding a call costs when values need no boxing. */
@Remote("bench.Calculator")
public interface Calculator {
  int add(int a, int b);
}
