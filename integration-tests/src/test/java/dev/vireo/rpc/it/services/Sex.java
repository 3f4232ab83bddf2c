package dev.vireo.rpc.it.services;

public enum Sex {
  MALE,
  FEMALE,
  UNKNOWN
}
