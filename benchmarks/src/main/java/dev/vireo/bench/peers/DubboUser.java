package dev.vireo.bench.peers;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/** The workload's user for Dubbo, whose default serialization (hessian2) needs a JavaBean. */
public class DubboUser implements Serializable {
  private static final long serialVersionUID = 1L;

  public long id;
  public String name;
  public int sex;
  public LocalDate birthday;
  public String email;
  public String mobile;
  public String address;
  public String icon;
  public List<Integer> permissions;
  public int status;
  public LocalDateTime createTime;
  public LocalDateTime updateTime;

  static DubboUser of(dev.vireo.bench.workload.User source) {
    DubboUser user = new DubboUser();
    user.id = source.id();
    user.name = source.name();
    user.sex = source.sex();
    user.birthday = source.birthday();
    user.email = source.email();
    user.mobile = source.mobile();
    user.address = source.address();
    user.icon = source.icon();
    user.permissions = source.permissions();
    user.status = source.status();
    user.createTime = source.createTime();
    user.updateTime = source.updateTime();
    return user;
  }
}
