package dev.vireo.bench.workload;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/** The sample data, identical in every system and every run. */
public final class Users {
  public static final String EMAIL = "vireo@example.com";

  private Users() {}

  /** A user with 8 to 20 permissions, as the well-known benchmark makes them. */
  public static User user(long id) {
    List<Integer> permissions = new ArrayList<>();
    for (int i = 0; i < 8 + (int) (id % 13); i++) {
      permissions.add(i);
    }
    return new User(id, "Doug Lea", 1, LocalDate.of(1968, 12, 8), "dong.lea@gmail.com",
        "18612345678", "北京市 中关村 中关村大街1号 鼎好大厦 1605", "https://www.baidu.com/img/bd_logo1.png",
        permissions, 1, LocalDateTime.of(2017, 3, 29, 12, 34, 56),
        LocalDateTime.of(2017, 3, 29, 12, 34, 56));
  }

  /** A page of 15 users. */
  public static Page<User> page(int pageNo) {
    List<User> users = new ArrayList<>(15);
    for (int i = 0; i < 15; i++) {
      users.add(user(pageNo * 15L + i));
    }
    return new Page<>(pageNo, 1000, users);
  }
}
