package dev.vireo.rpc.it.services;

public record Circle(double radius) implements Figure {}
