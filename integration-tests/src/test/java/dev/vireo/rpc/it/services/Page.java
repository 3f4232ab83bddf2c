package dev.vireo.rpc.it.services;

import java.util.List;

/** A generic carrier: its type argument is resolved where it is used. */
public record Page<T>(int pageNo, int total, List<T> items) {}
