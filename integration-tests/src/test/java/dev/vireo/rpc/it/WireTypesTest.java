package dev.vireo.rpc.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vireo.rpc.RpcException;
import dev.vireo.rpc.RpcStatus;
import dev.vireo.rpc.it.services.Circle;
import dev.vireo.rpc.it.services.Figure;
import dev.vireo.rpc.it.services.Point;
import dev.vireo.rpc.it.services.Scaler;
import dev.vireo.rpc.it.services.Scaling;
import dev.vireo.rpc.it.services.Shapes;
import dev.vireo.rpc.it.services.Square;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;


/**
 * Only the classes a service declares (and those the user registers) cross the wire; anything
 * else is refused on the side that meets it, before the implementation runs.
 */
@ParameterizedClass
@EnumSource(Transport.class)
class WireTypesTest {
  @Parameter Transport transport;

  private final AtomicInteger calls = new AtomicInteger();
  private final Shapes implementation = new Shapes() {
    @Override
    public double area(Figure figure) {
      calls.incrementAndGet();
      if (figure instanceof Circle c) {
        return Math.PI * c.radius() * c.radius();
      }
      Square s = (Square) figure;
      return s.side() * s.side();
    }

    @Override
    public String describe(Object anything) {
      calls.incrementAndGet();
      return String.valueOf(anything);
    }

    @Override
    public Object origin() {
      return new Point(0, 0);
    }
  };

  @Test
  void permittedSubclassesOfASealedParameterTypeAreRegisteredByThemselves() {
    try (Loopback loopback = Loopback.start(transport, server -> server.export(Shapes.class,
        implementation))) {
      Shapes shapes = loopback.client.refer(Shapes.class);

      assertThat(shapes.area(new Square(3))).isEqualTo(9.0);
      assertThat(shapes.area(new Circle(1))).isEqualTo(Math.PI);
    }
  }

  @Test
  void enumConstantsWithBodiesOfTheirOwnTravelAsTheirEnum() {
    Scaler implementation = scaling -> new Scaling[] {
        scaling, scaling == Scaling.DOUBLE ? Scaling.HALF : Scaling.DOUBLE};
    try (Loopback loopback = Loopback.start(transport, server -> server.export(Scaler.class,
        implementation))) {
      Scaler scaler = loopback.client.refer(Scaler.class);

      assertThat(scaler.andTheOther(Scaling.HALF)).asList()
          .containsExactly(Scaling.HALF, Scaling.DOUBLE).inOrder();
    }
  }

  @Test
  void aClassRegisteredOnBothSidesTravelsWhereObjectIsDeclared() {
    try (Loopback loopback = Loopback.start(transport, b -> b.registerTypes(Point.class),
        server -> server.export(Shapes.class, implementation),
        b -> b.registerTypes(Point.class))) {
      Shapes shapes = loopback.client.refer(Shapes.class);

      assertThat(shapes.describe(new Point(1, 2))).isEqualTo("Point[x=1, y=2]");
    }
  }

  @Test
  void theClientRefusesToSendAClassItDoesNotKnow() {
    try (Loopback loopback = Loopback.start(transport, server -> server.export(Shapes.class,
        implementation))) {
      Shapes shapes = loopback.client.refer(Shapes.class);

      RpcException thrown = assertThrows(RpcException.class,
          () -> shapes.describe(new Point(1, 2)));

      assertThat(thrown.status()).isEqualTo(RpcStatus.SERIALIZATION);
      assertThat(thrown.mayHaveRun()).isFalse();
      assertThat(thrown).hasMessageThat().contains(Point.class.getName());
      assertThat(calls.get()).isEqualTo(0);
    }
  }

  @Test
  void theServerRefusesAClassItDoesNotKnowWithoutRunningTheMethod() {
    try (Loopback loopback = Loopback.start(transport, b -> {},
        server -> server.export(Shapes.class, implementation),
        b -> b.registerTypes(Point.class))) {
      Shapes shapes = loopback.client.refer(Shapes.class);

      RpcException thrown = assertThrows(RpcException.class,
          () -> shapes.describe(new Point(1, 2)));

      assertThat(thrown.status()).isEqualTo(RpcStatus.SERIALIZATION);
      assertThat(thrown.mayHaveRun()).isFalse();
      assertThat(thrown).hasMessageThat().contains("could not decode the arguments");
      assertThat(calls.get()).isEqualTo(0);
    }
  }
}
