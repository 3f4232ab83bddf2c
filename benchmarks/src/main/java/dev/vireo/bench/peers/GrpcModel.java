package dev.vireo.bench.peers;

import dev.vireo.bench.grpc.Page;
import dev.vireo.bench.grpc.User;
import dev.vireo.bench.workload.Users;
import java.time.ZoneOffset;

/** The workload's data as protobuf messages, converted once, never on the measured path. */
final class GrpcModel {
  private GrpcModel() {}

  static User user(long id) {
    dev.vireo.bench.workload.User source = Users.user(id);
    return User.newBuilder()
        .setId(source.id())
        .setName(source.name())
        .setSex(source.sex())
        .setBirthday(source.birthday().toEpochDay())
        .setEmail(source.email())
        .setMobile(source.mobile())
        .setAddress(source.address())
        .setIcon(source.icon())
        .addAllPermissions(source.permissions())
        .setStatus(source.status())
        .setCreateTime(source.createTime().toEpochSecond(ZoneOffset.UTC))
        .setUpdateTime(source.updateTime().toEpochSecond(ZoneOffset.UTC))
        .build();
  }

  static Page page(int pageNo) {
    Page.Builder page = Page.newBuilder().setPageNo(pageNo).setTotal(1000);
    for (int i = 0; i < 15; i++) {
      page.addResult(user(pageNo * 15L + i));
    }
    return page.build();
  }
}
