package dev.vireo.rpc.it.services;

import dev.vireo.rpc.annotation.Idempotent;
import dev.vireo.rpc.annotation.Oneway;
import dev.vireo.rpc.annotation.Remote;
import dev.vireo.rpc.annotation.Timeout;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

@Remote("it.UserService")
public interface UserService extends Lookup<User, Long>, Named {
  boolean existUser(String email);

  User createUser(User user);

  @Idempotent
  User getUser(long id);

  Page<User> listUser(int pageNo);

  User find(String name);

  User find(long id);

  List<User> findAll(List<Long> ids);

  Map<String, List<User>> byCity(Set<User> users);

  CompletableFuture<User> findLater(String name);

  CompletableFuture<Void> touch(long id);

  @Oneway
  void audit(String event);

  User load(long id) throws UserNotFoundException;

  void validate(String email);

  void explode(String message);

  @Timeout(millis = 300)
  void sleep(long millis);

  /** Not remote: runs in the client, on top of the remote methods. */
  default String greeting(long id) {
    return "Hello, " + getUser(id).name();
  }
}
