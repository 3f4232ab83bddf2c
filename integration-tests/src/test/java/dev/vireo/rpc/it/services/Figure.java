package dev.vireo.rpc.it.services;

/** Sealed: its permitted subclasses are registered for the wire without being named anywhere. */
public sealed interface Figure permits Circle, Square {}
