package dev.vireo.bench.report;

/**
 * One JMH result, as the report needs it.
 *
 * @param group the benchmark class's simple name
 * @param operation the benchmark method
 * @param variant the system it measured, or else the value of its one {@code @Param} (binding)
 * @param mode JMH's mode: thrpt, avgt or sample
 * @param threads benchmark threads
 * @param score the primary score
 * @param error its 99.9% confidence half-width (NaN if JMH could not compute one)
 * @param unit the score's unit
 * @param p99 the 99th percentile, for sample mode; NaN otherwise
 * @param bytesPerOp bytes allocated per operation in the benchmark JVM ({@code -prof gc})
 * @param switchesPerOp context switches per operation on the whole machine, client and server
 *     together ({@code -prof dev.vireo.bench.profile.ContextSwitches}); NaN if not measured
 * @param userMicrosPerOp CPU time per operation in user mode on the whole machine, µs ({@code
 *     -prof dev.vireo.bench.profile.CpuTime}); NaN if not measured
 * @param kernelMicrosPerOp the same in the kernel
 */
record Measurement(String group, String operation, String variant, String mode, int threads,
    double score, double error, String unit, double p99, double bytesPerOp,
    double switchesPerOp, double userMicrosPerOp, double kernelMicrosPerOp) {}
