package dev.vireo.bench.peers;

import dev.vireo.bench.grpc.ExistUserRequest;
import dev.vireo.bench.grpc.Flag;
import dev.vireo.bench.grpc.GetUserRequest;
import dev.vireo.bench.grpc.ListUserRequest;
import dev.vireo.bench.grpc.Page;
import dev.vireo.bench.grpc.User;
import dev.vireo.bench.grpc.UserServiceGrpc;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** gRPC-java's server for the workload, with its default executor, on 127.0.0.1. */
public final class GrpcServer implements AutoCloseable {
  private final Server server;

  public GrpcServer() throws IOException {
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(new Service())
        .build()
        .start();
  }

  public int port() {
    return server.getPort();
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdown().awaitTermination(10, TimeUnit.SECONDS);
  }

  private static final class Service extends UserServiceGrpc.UserServiceImplBase {
    private final Flag yes = Flag.newBuilder().setValue(true).build();
    private final User user = GrpcModel.user(1);
    private final Page page = GrpcModel.page(1);

    @Override
    public void existUser(ExistUserRequest request, StreamObserver<Flag> reply) {
      reply.onNext(yes);
      reply.onCompleted();
    }

    @Override
    public void createUser(User request, StreamObserver<Flag> reply) {
      reply.onNext(yes);
      reply.onCompleted();
    }

    @Override
    public void getUser(GetUserRequest request, StreamObserver<User> reply) {
      reply.onNext(user);
      reply.onCompleted();
    }

    @Override
    public void listUser(ListUserRequest request, StreamObserver<Page> reply) {
      reply.onNext(page);
      reply.onCompleted();
    }
  }
}
