package dev.vireo.bench.peers;

/** The workload as Dubbo serves it: a plain interface, bound by Dubbo's proxies. */
public interface DubboUserService {
  boolean existUser(String email);

  boolean createUser(DubboUser user);

  DubboUser getUser(long id);

  DubboPage listUser(int pageNo);
}
