package dev.vireo.rpc.internal;

import static com.google.common.truth.Truth.assertWithMessage;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.Supplier;

/**
 * What decoding one input may allocate on the Java heap: in proportion to the input, never what a
 * length or count inside it claims. The allowance is 1 MiB for the decoders' own objects plus
 * 1 KiB per input byte, since a 20-byte frame refused as malformed legitimately costs several KiB
 * (an exception with its stack trace, a reply), while a body size of 2^32 - 1 or a count of a
 * million elements in a few bytes is far over it. Measured on the current thread, where the
 * decoders under test (and an {@code EmbeddedChannel}'s handlers) run.
 */
public final class AllocationBudget {
  private static final long FIXED = 1 << 20;
  private static final long PER_INPUT_BYTE = 1 << 10;
  /** How many runs an input gets to come within the budget. */
  private static final int RUNS = 3;
  private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

  private AllocationBudget() {}

  /**
   * Runs {@code decoding} of an input of {@code inputSize} bytes, fails if it allocated more than
   * the budget, and returns what it returned. A run over budget is repeated, up to {@link
   * #RUNS} runs in all, and fails only if the last is over too: what is paid once per JVM
   * (loading a class, Fory building the serializer of a type) is not the input's doing, and can
   * take two runs to settle (a type Fory first meets in one run sends the next down a path of its
   * own, with classes of its own to load). An allocation the input causes is paid on every run.
   * So {@code decoding} must start from scratch each time.
   */
  public static <T> T check(int inputSize, Supplier<T> decoding) {
    long budget = FIXED + PER_INPUT_BYTE * inputSize;
    long allocated;
    T result;
    int run = 0;
    do {
      run++;
      long before = THREADS.getCurrentThreadAllocatedBytes();
      result = decoding.get();
      allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
    } while (allocated > budget && run < RUNS);
    assertWithMessage("bytes allocated decoding an input of %s bytes, run %s", inputSize, run)
        .that(allocated).isAtMost(budget);
    return result;
  }

  /** {@link #check(int, Supplier)} for a decoding that returns nothing. */
  public static void check(int inputSize, Runnable decoding) {
    check(inputSize, () -> {
      decoding.run();
      return null;
    });
  }
}
