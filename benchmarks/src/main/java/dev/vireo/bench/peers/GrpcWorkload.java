package dev.vireo.bench.peers;

import dev.vireo.bench.e2e.Workload;
import dev.vireo.bench.grpc.ExistUserRequest;
import dev.vireo.bench.grpc.GetUserRequest;
import dev.vireo.bench.grpc.ListUserRequest;
import dev.vireo.bench.grpc.User;
import dev.vireo.bench.grpc.UserServiceGrpc;
import dev.vireo.bench.workload.Users;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.concurrent.TimeUnit;

/** gRPC-java's blocking stub over one channel (one HTTP/2 connection) to 127.0.0.1. */
public final class GrpcWorkload implements Workload {
  private final ManagedChannel channel;
  private final UserServiceGrpc.UserServiceBlockingStub stub;
  private final ExistUserRequest exist = ExistUserRequest.newBuilder().setEmail(Users.EMAIL).build();
  private final User user = GrpcModel.user(1);
  private final GetUserRequest get = GetUserRequest.newBuilder().setId(1).build();
  private final ListUserRequest list = ListUserRequest.newBuilder().setPageNo(1).build();

  public GrpcWorkload(int port) {
    channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    stub = UserServiceGrpc.newBlockingStub(channel);
  }

  @Override
  public Object existUser() {
    return stub.existUser(exist);
  }

  @Override
  public Object createUser() {
    return stub.createUser(user);
  }

  @Override
  public Object getUser() {
    return stub.getUser(get);
  }

  @Override
  public Object listUser() {
    return stub.listUser(list);
  }

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
