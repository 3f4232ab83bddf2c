package dev.vireo.rpc.it.services;

public record Square(double side) implements Figure {}
