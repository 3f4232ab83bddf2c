package dev.vireo.bench.workload;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/** The user of the well-known Java RPC benchmark (hank-whu/rpc-benchmark), as a record. */
public record User(
    long id,
    String name,
    int sex,
    LocalDate birthday,
    String email,
    String mobile,
    String address,
    String icon,
    List<Integer> permissions,
    int status,
    LocalDateTime createTime,
    LocalDateTime updateTime) {}
