package dev.vireo.rpc.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vireo.rpc.RpcException;
import dev.vireo.rpc.RpcStatus;
import dev.vireo.rpc.it.services.GreeterV1;
import dev.vireo.rpc.it.services.GreeterV2;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;


/**
 * Method ids come from signatures, not positions: a client compiled against an older interface
 * keeps working when the server's gains methods, and a newer client gets a clear error from an
 * older server.
 */
@ParameterizedClass
@EnumSource(Transport.class)
class VersionSkewTest {
  @Parameter Transport transport;

  @Test
  void anOldClientCallsANewerServerThatAddedMethodsBeforeItsOwn() {
    try (Loopback loopback = Loopback.start(transport, server -> server.export(GreeterV2.class,
        new GreeterV2() {
          @Override
          public String shout(String name) {
            return name.toUpperCase(Locale.ROOT);
          }

          @Override
          public String greet(String name) {
            return "hi " + name;
          }
        }))) {
      GreeterV1 old = loopback.client.refer(GreeterV1.class);

      assertThat(old.greet("ada")).isEqualTo("hi ada");
    }
  }

  @Test
  void aNewClientCallingAMethodTheOldServerLacksGetsMethodNotFound() {
    try (Loopback loopback = Loopback.start(transport, server -> server.export(GreeterV1.class,
        name -> "hi " + name))) {
      GreeterV2 newer = loopback.client.refer(GreeterV2.class);

      assertThat(newer.greet("ada")).isEqualTo("hi ada");
      RpcException thrown = assertThrows(RpcException.class, () -> newer.shout("ada"));
      assertThat(thrown.status()).isEqualTo(RpcStatus.METHOD_NOT_FOUND);
      assertThat(thrown.mayHaveRun()).isFalse();
      assertThat(thrown).hasMessageThat().contains("it.Greeter/shout(java.lang.String)");
    }
  }
}
