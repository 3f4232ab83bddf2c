package dev.vireo.rpc.it.services;

/** Declared by no service: it crosses the wire only where both sides register it. */
public record Point(int x, int y) {}
