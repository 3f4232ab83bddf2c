package dev.vireo.bench.e2e;

import dev.vireo.bench.reflective.ReflectiveBinding;
import dev.vireo.bench.workload.User;
import dev.vireo.bench.workload.UserService;
import dev.vireo.bench.workload.Users;
import dev.vireo.rpc.RpcClient;
import java.time.Duration;

/** Vireo's client, bound by the generated stub or by the reflective proxy. */
final class VireoWorkload implements Workload {
  private final RpcClient client;
  private final UserService users;
  private final User user = Users.user(1);

  VireoWorkload(RpcClient.Builder builder, boolean reflective) {
    if (reflective) {
      builder.binding(new ReflectiveBinding<>(UserService.class));
    }
    this.client = builder.timeout(Duration.ofSeconds(30)).build();
    this.users = client.refer(UserService.class);
  }

  static VireoWorkload tcp(int port, int connections, boolean reflective) {
    return new VireoWorkload(RpcClient.builder().address("127.0.0.1", port).ioThreads(1)
        .connections(connections), reflective);
  }

  @Override
  public Object existUser() {
    return users.existUser(Users.EMAIL);
  }

  @Override
  public Object createUser() {
    return users.createUser(user);
  }

  @Override
  public Object getUser() {
    return users.getUser(1);
  }

  @Override
  public Object listUser() {
    return users.listUser(1);
  }

  @Override
  public void close() {
    client.close();
  }
}
