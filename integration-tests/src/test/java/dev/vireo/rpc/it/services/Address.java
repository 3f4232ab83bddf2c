package dev.vireo.rpc.it.services;

public record Address(String city, String street) {}
