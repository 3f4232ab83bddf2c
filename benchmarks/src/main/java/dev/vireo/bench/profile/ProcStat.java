package dev.vireo.bench.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's counters since boot, as {@code /proc/stat} gives them: context switches, and the
 * CPU time of every core in user mode and in the kernel, in microseconds.
 */
record ProcStat(long switches, long userMicros, long kernelMicros) {
  private static final Path STAT = Path.of("/proc/stat");
  /** {@code /proc/stat} counts CPU time in USER_HZ ticks: 100 a second on x86 and arm64. */
  private static final long MICROS_PER_TICK = 10_000;

  /** The counters now; null where the kernel does not tell. */
  static ProcStat read() {
    if (!Files.isReadable(STAT)) {
      return null;
    }
    try {
      long switches = -1;
      long user = -1;
      long kernel = -1;
      for (String line : Files.readAllLines(STAT)) {
        if (line.startsWith("ctxt ")) {
          switches = Long.parseLong(line.substring(5).trim());
        } else if (line.startsWith("cpu ")) {
          // cpu  user nice system idle iowait irq softirq steal ...
          String[] ticks = line.substring(4).trim().split("\\s+");
          user = Long.parseLong(ticks[0]) + Long.parseLong(ticks[1]);
          kernel = Long.parseLong(ticks[2]) + Long.parseLong(ticks[5])
              + Long.parseLong(ticks[6]);
        }
      }
      if (switches < 0 || user < 0) {
        return null;
      }
      return new ProcStat(switches, user * MICROS_PER_TICK, kernel * MICROS_PER_TICK);
    } catch (IOException | RuntimeException unreadable) {
      return null;
    }
  }
}
