package dev.vireo.rpc.it;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the server (sharing this JVM with the test) holds: heap after a collection, and direct
 * memory, Netty's pools and the JDK's together. The peer-facing figures are differences from a
 * baseline taken before the attack.
 */
final class ServerMemory {
  private ServerMemory() {}

  /** Heap in use once garbage is collected, in bytes. */
  static long heapAfterGc() {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      Runtime runtime = Runtime.getRuntime();
      used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
    }
    return used;
  }

  /** Direct memory in use: Netty's default allocator's, plus the JDK's direct buffers. */
  static long direct() {
    long netty = ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider metrics
        ? metrics.metric().usedDirectMemory() : 0;
    long jdk = 0;
    for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
      if (pool.getName().equals("direct")) {
        jdk = pool.getMemoryUsed();
      }
    }
    return netty + jdk;
  }

  /** Samples {@link #direct()} on a thread of its own until closed; keeps the highest. */
  static final class Peak implements AutoCloseable {
    private final AtomicLong highest = new AtomicLong(direct());
    private volatile boolean sampling = true;
    private final Thread sampler = new Thread(() -> {
      while (sampling) {
        highest.accumulateAndGet(direct(), Math::max);
        try {
          Thread.sleep(2);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "direct-memory-sampler");

    Peak() {
      sampler.setDaemon(true);
      sampler.start();
    }

    long highest() {
      return highest.get();
    }

    @Override
    public void close() {
      sampling = false;
      try {
        sampler.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
