package dev.vireo.bench.workload;

import dev.vireo.rpc.annotation.Remote;

/** The workload users know: the UserService of the well-known Java RPC benchmark. */
@Remote("bench.UserService")
public interface UserService {
  boolean existUser(String email);

  boolean createUser(User user);

  User getUser(long id);

  Page<User> listUser(int pageNo);
}
