package dev.vireo.rpc;

import dev.vireo.rpc.binding.ServiceBindings;
import dev.vireo.rpc.client.ServiceInvoker;
import dev.vireo.rpc.protocol.ServiceKey;
import dev.vireo.rpc.serialization.ForySerializer;
import dev.vireo.rpc.serialization.Serializer;
import dev.vireo.rpc.serialization.WireTypes;
import dev.vireo.rpc.stub.ServiceBinding;
import dev.vireo.rpc.transport.ClientTransport;
import dev.vireo.rpc.transport.inprocess.InProcessClientTransport;
import io.netty.buffer.ByteBufAllocator;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Calls services of a server through stubs the processor generated: no dynamic proxy, no
 * reflection.
 *
 * <pre>{@code
 * RpcClient client = RpcClient.builder().inProcess("users").timeout(Duration.ofSeconds(1)).build();
 * UserService users = client.refer(UserService.class);
 * User user = users.getUser(42);
 * }</pre>
 *
 * <p>Thread-safe; stubs are too, and are meant to be shared. {@link #close()} fails calls still
 * waiting with {@code CANCELLED}.
 */
public final class RpcClient implements AutoCloseable {
  private final ClientTransport transport;
  private final WireTypes wireTypes = new WireTypes();
  private final Serializer serializer = new ForySerializer(wireTypes);
  private final Duration timeout;

  private RpcClient(Builder builder) {
    this.transport = builder.transport;
    this.timeout = builder.timeout;
    wireTypes.addAll(builder.types);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A stub for the default implementation of {@code type}: a {@code @Remote} interface or its
   * generated {@code XAsync} view.
   *
   * @throws IllegalArgumentException if the processor did not run for {@code type}
   */
  public <T> T refer(Class<T> type) {
    return refer(type, "");
  }

  /** A stub for the implementation exported under {@code tag}. */
  public <T> T refer(Class<T> type, String tag) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(tag, "tag");
    ServiceBinding<?> binding = ServiceBindings.of(type);
    wireTypes.addAll(binding.descriptor().wireTypes());
    ServiceInvoker invoker = new ServiceInvoker(new ServiceKey(binding.descriptor().name(), tag),
        transport, serializer, ByteBufAllocator.DEFAULT, timeout);
    Object stub = binding.serviceInterface() == type
        ? binding.newStub(invoker)
        : binding.newAsyncStub(invoker);
    return type.cast(stub);
  }

  /** Fails calls still waiting with {@code CANCELLED} and releases the connection. Idempotent. */
  @Override
  public void close() {
    transport.close();
  }

  /** Builds an {@link RpcClient}. */
  public static final class Builder {
    private ClientTransport transport;
    private Duration timeout = Duration.ofSeconds(5);
    private final Set<Class<?>> types = new LinkedHashSet<>();

    private Builder() {}

    /** Calls the in-process server of this name (see {@link RpcServer.Builder#inProcess}). */
    public Builder inProcess(String name) {
      this.transport = new InProcessClientTransport(Objects.requireNonNull(name, "name"));
      return this;
    }

    /** The deadline of calls whose method has no {@code @Timeout} (default 5 s). */
    public Builder timeout(Duration timeout) {
      if (timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException("timeout must be positive: " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * Also accepts these classes on the wire, beyond those the services declare: for subclasses
     * and implementations that travel where a supertype is declared.
     */
    public Builder registerTypes(Class<?>... types) {
      this.types.addAll(Arrays.asList(types));
      return this;
    }

    public RpcClient build() {
      if (transport == null) {
        throw new IllegalStateException("choose a transport: inProcess(name)");
      }
      return new RpcClient(this);
    }
  }
}
