package dev.vireo.examples;

import java.util.List;

/** Any record (or class) of yours can travel; the processor registers it for the wire. */
public record Greeting(String to, List<String> lines) {}
