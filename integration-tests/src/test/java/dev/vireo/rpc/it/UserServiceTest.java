package dev.vireo.rpc.it;

import static com.google.common.truth.Truth.assertThat;

import dev.vireo.rpc.CallInfo;
import dev.vireo.rpc.ServerInterceptor;
import dev.vireo.rpc.it.services.Address;
import dev.vireo.rpc.it.services.Page;
import dev.vireo.rpc.it.services.Sex;
import dev.vireo.rpc.it.services.User;
import dev.vireo.rpc.it.services.UserService;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;


/** Records, enums, JDK time types, generic parameters, overloads and inherited methods. */
@ParameterizedClass
@EnumSource(Transport.class)
class UserServiceTest {
  @Parameter Transport transport;

  private Loopback loopback;
  private UserService users;

  @BeforeEach
  void start() {
    loopback = Loopback.start(transport, server -> server.export(UserService.class,
        new InMemoryUserService()));
    users = loopback.client.refer(UserService.class);
  }

  @AfterEach
  void stop() {
    loopback.close();
  }

  @Test
  void recordsEnumsAndTimeTypesRoundTrip() {
    User user = new User(7, "Ada", Sex.FEMALE, LocalDate.of(1815, 12, 10),
        new Address("London", "St James's Square"), List.of(1, 5, 8),
        LocalDateTime.of(2026, 11, 21, 13, 0, 5));

    User created = users.createUser(user);

    assertThat(created.id()).isEqualTo(1007);
    assertThat(created.name()).isEqualTo("Ada");
    assertThat(created.sex()).isEqualTo(Sex.FEMALE);
    assertThat(created.birthday()).isEqualTo(user.birthday());
    assertThat(created.address()).isEqualTo(user.address());
    assertThat(created.permissions()).containsExactly(1, 5, 8).inOrder();
    assertThat(created.createTime()).isEqualTo(user.createTime());
  }

  @Test
  void primitiveParametersAndResults() {
    assertThat(users.existUser("ada@vireo.dev")).isTrue();
    assertThat(users.existUser("ada@example.com")).isFalse();
    assertThat(users.getUser(42).name()).isEqualTo("user-42");
  }

  @Test
  void genericCarriersKeepTheirTypeArguments() {
    Page<User> page = users.listUser(2);

    assertThat(page.pageNo()).isEqualTo(2);
    assertThat(page.items()).hasSize(15);
    User first = page.items().get(0);
    assertThat(first.id()).isEqualTo(30);
  }

  @Test
  void genericParameterTypes() {
    List<User> found = users.findAll(List.of(1L, 2L, 3L));
    assertThat(found.stream().map(User::id).toList()).containsExactly(1L, 2L, 3L).inOrder();

    Set<User> input = new LinkedHashSet<>(List.of(User.sample(1),
        withCity(User.sample(2), "Porto"), withCity(User.sample(3), "Porto")));
    Map<String, List<User>> byCity = users.byCity(input);
    assertThat(byCity.keySet()).containsExactly("Lisbon", "Porto");
    assertThat(byCity.get("Porto")).hasSize(2);
  }

  @Test
  void overloadsReachTheirOwnImplementation() {
    assertThat(users.find("four").id()).isEqualTo(4);
    assertThat(users.find(4L).id()).isEqualTo(-4);
  }

  @Test
  void nullResultsAndNullObjectArguments() {
    assertThat(users.find("nobody")).isNull();
    assertThat(users.findAll(List.of())).isEmpty();
  }

  @Test
  void methodsInheritedFromAGenericSuperInterfaceHaveTheirTypesResolved() {
    assertThat(users.get(9L).name()).isEqualTo("user-9");
  }

  @Test
  void aMethodInheritedTwiceIsOneRemoteMethod() {
    assertThat(users.describe()).isEqualTo("in-memory users");
  }

  @Test
  void defaultMethodsRunOnTheClientOnTopOfRemoteCalls() {
    List<String> ranOnServer = new CopyOnWriteArrayList<>();
    ServerInterceptor recorder = new ServerInterceptor() {
      @Override
      public void onStart(CallInfo call) {
        ranOnServer.add(call.method());
      }
    };
    try (Loopback recorded = Loopback.start(transport, server -> server.intercept(recorder),
        server -> server.export(UserService.class, new InMemoryUserService()), client -> {})) {
      UserService recordedUsers = recorded.client.refer(UserService.class);

      assertThat(recordedUsers.greeting(5)).isEqualTo("Hello, user-5");
      assertThat(ranOnServer).containsExactly("getUser(long)");
    }
  }

  private static User withCity(User user, String city) {
    return new User(user.id(), user.name(), user.sex(), user.birthday(),
        new Address(city, user.address().street()), user.permissions(), user.createTime());
  }
}
