package dev.vireo.bench.workload;

import java.util.List;

/** A page of results. */
public record Page<T>(int pageNo, int total, List<T> result) {}
