package dev.vireo.bench.serialization;

import dev.vireo.bench.BenchmarkDefaults;
import dev.vireo.bench.workload.Page;
import dev.vireo.bench.workload.User;
import dev.vireo.bench.workload.UserService;
import dev.vireo.bench.workload.Users;
import dev.vireo.rpc.internal.serialization.BodyReader;
import dev.vireo.rpc.internal.serialization.BodyWriter;
import dev.vireo.rpc.internal.serialization.ForySerializer;
import dev.vireo.rpc.internal.serialization.Serializer;
import dev.vireo.rpc.internal.serialization.WireTypes;
import dev.vireo.rpc.stub.ServiceDescriptor;
import dev.vireo.rpc.stub.ServiceBindings;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The serializer alone, on one thread: a reply body holding getUser's user or listUser's page of
 * fifteen, encoded and decoded. {@code codecs} is what a service's binding registers, the
 * processor's codecs for its records; {@code fory} registers the same classes without them, so
 * Fory generates serializers of its own, as it did before the codecs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SerializationBenchmark extends BenchmarkDefaults {
  private static final ByteBufAllocator ALLOCATOR = PooledByteBufAllocator.DEFAULT;

  @Param({"codecs", "fory"})
  public String records;

  private Serializer serializer;
  private final User user = Users.user(1);
  private final Page<User> page = Users.page(1);
  private ByteBuf userBody;
  private ByteBuf pageBody;

  @Setup
  public void build() {
    ServiceDescriptor service = ServiceBindings.of(UserService.class).descriptor();
    WireTypes types = new WireTypes();
    switch (records) {
      case "codecs" -> types.addAll(service);
      case "fory" -> types.addAll(service.wireTypes());
      default -> throw new IllegalArgumentException(records);
    }
    serializer = new ForySerializer(types);
    userBody = encode(user);
    pageBody = encode(page);
    if (!user.equals(decode(userBody, User.class)) || !page.equals(decode(pageBody, Page.class))) {
      throw new IllegalStateException("a body does not decode to what was encoded");
    }
  }

  @TearDown
  public void release() {
    userBody.release();
    pageBody.release();
  }

  @Benchmark
  public int encodeUser() {
    return encodeAndRelease(user);
  }

  @Benchmark
  public int encodePage() {
    return encodeAndRelease(page);
  }

  @Benchmark
  public User decodeUser() {
    return decode(userBody, User.class);
  }

  @Benchmark
  public Page<?> decodePage() {
    return decode(pageBody, Page.class);
  }

  private int encodeAndRelease(Object value) {
    ByteBuf body = encode(value);
    int size = body.readableBytes();
    body.release();
    return size;
  }

  private ByteBuf encode(Object value) {
    BodyWriter writer = serializer.newWriter();
    writer.writeObject(value);
    return writer.finish(ALLOCATOR);
  }

  private <T> T decode(ByteBuf body, Class<T> type) {
    BodyReader reader = serializer.newReader(body.duplicate());
    try {
      return reader.readObject(type);
    } finally {
      reader.close();
    }
  }
}
