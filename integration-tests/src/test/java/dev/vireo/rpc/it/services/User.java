package dev.vireo.rpc.it.services;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

public record User(
    long id,
    String name,
    Sex sex,
    LocalDate birthday,
    Address address,
    List<Integer> permissions,
    LocalDateTime createTime) {

  public static User sample(long id) {
    return new User(id, "user-" + id, Sex.FEMALE, LocalDate.of(1990, 1, 2),
        new Address("Lisbon", "Rua Augusta " + id), List.of(1, 2, 3),
        LocalDateTime.of(2026, 11, 21, 12, 0));
  }
}
