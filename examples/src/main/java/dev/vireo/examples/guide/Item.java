package dev.vireo.examples.guide;

import java.util.List;

/** A value that crosses the wire; the processor registers it, and the types its fields reach. */
public record Item(long id, String sku, String name, List<String> tags) {}
