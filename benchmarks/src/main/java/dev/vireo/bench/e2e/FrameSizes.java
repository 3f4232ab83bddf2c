package dev.vireo.bench.e2e;

import dev.vireo.bench.workload.UserService;
import dev.vireo.bench.workload.Users;
import dev.vireo.rpc.stub.ServiceBindings;
import dev.vireo.rpc.internal.protocol.FrameHeader;
import dev.vireo.rpc.internal.protocol.Frames;
import dev.vireo.rpc.internal.protocol.Request;
import dev.vireo.rpc.internal.protocol.ServiceKey;
import dev.vireo.rpc.internal.serialization.BodyWriter;
import dev.vireo.rpc.internal.serialization.ForySerializer;
import dev.vireo.rpc.internal.serialization.Serializer;
import dev.vireo.rpc.internal.serialization.WireTypes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The sizes of the frames Vireo sends and receives for each operation of the workload, encoded
 * by Vireo's own serializer, so the raw Netty baseline moves exactly as many bytes.
 */
final class FrameSizes {
  private static final ByteBufAllocator ALLOCATOR = ByteBufAllocator.DEFAULT;
  private final Serializer serializer;

  FrameSizes() {
    WireTypes types = new WireTypes();
    types.addAll(ServiceBindings.of(UserService.class).descriptor());
    serializer = new ForySerializer(types);
  }

  /** {request frame size, reply frame size} of each operation, in workload order. */
  int[][] all() {
    return new int[][] {
      {request(out -> out.writeString(Users.EMAIL)), reply(out -> out.writeBoolean(true))},
      {request(out -> out.writeObject(Users.user(1))), reply(out -> out.writeBoolean(true))},
      {request(out -> out.writeLong(1)), reply(out -> out.writeObject(Users.user(1)))},
      {request(out -> out.writeInt(1)), reply(out -> out.writeObject(Users.page(1)))},
    };
  }

  private int request(Consumer<BodyWriter> arguments) {
    Request request = new Request(new ServiceKey("bench.UserService", ""), 0, false, 30_000_000,
        Map.of(), body(arguments));
    ByteBuf frame = Frames.request(ALLOCATOR, 1, ForySerializer.ID, request);
    request.release();
    int size = frame.readableBytes();
    frame.release();
    return size;
  }

  private int reply(Consumer<BodyWriter> result) {
    ByteBuf body = body(result);
    int size = FrameHeader.SIZE + body.readableBytes();
    body.release();
    return size;
  }

  private ByteBuf body(Consumer<BodyWriter> writes) {
    BodyWriter writer = serializer.newWriter();
    writes.accept(writer);
    return writer.finish(ALLOCATOR);
  }
}
