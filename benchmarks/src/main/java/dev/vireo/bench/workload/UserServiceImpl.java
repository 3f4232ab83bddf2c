package dev.vireo.bench.workload;

/** The server side: answers from prepared data, so the benchmark measures the RPC, not the work. */
public final class UserServiceImpl implements UserService {
  private final User user = Users.user(1);
  private final Page<User> page = Users.page(1);

  @Override
  public boolean existUser(String email) {
    return email != null && !email.isEmpty() && email.charAt(0) != '?';
  }

  @Override
  public boolean createUser(User user) {
    return user != null;
  }

  @Override
  public User getUser(long id) {
    return user;
  }

  @Override
  public Page<User> listUser(int pageNo) {
    return page;
  }
}
