package dev.vireo.rpc.it;

import static com.google.common.truth.Truth.assertThat;

import dev.vireo.rpc.it.services.Outer;
import dev.vireo.rpc.it.services.Outer_InnerAsync;
import dev.vireo.rpc.it.services.User;
import dev.vireo.rpc.it.services.UserService;
import dev.vireo.rpc.it.services.UserServiceAsync;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;


/** Synchronous, asynchronous and one-way calls; the XAsync view; nested interfaces; tags. */
@ParameterizedClass
@EnumSource(Transport.class)
class CallStylesTest {
  @Parameter Transport transport;

  private final InMemoryUserService implementation = new InMemoryUserService();
  private Loopback loopback;

  @BeforeEach
  void start() {
    loopback = Loopback.start(transport, server -> {
      server.export(UserService.class, implementation);
      server.export(UserService.class, "v2", new InMemoryUserService("v2-user-"));
      server.export(Outer.Inner.class, who -> "hello, " + who);
    });
  }

  @AfterEach
  void stop() {
    loopback.close();
  }

  @Test
  void aFutureMethodCompletesWhenTheImplementationsFutureDoes() throws Exception {
    UserService users = loopback.client.refer(UserService.class);

    CompletableFuture<User> found = users.findLater("grace");
    CompletableFuture<User> onServer = implementation.pendingFinds.poll(5, TimeUnit.SECONDS);

    assertThat(found.isDone()).isFalse();
    onServer.complete(User.sample(77));
    assertThat(found.get(5, TimeUnit.SECONDS).id()).isEqualTo(77);
  }

  @Test
  void aFutureOfVoidCompletesWithNull() throws Exception {
    UserService users = loopback.client.refer(UserService.class);

    assertThat(users.touch(3).get(5, TimeUnit.SECONDS)).isNull();
  }

  @Test
  void theAsyncViewMakesEveryMethodNonBlocking() throws Exception {
    UserServiceAsync async = loopback.client.refer(UserServiceAsync.class);

    CompletableFuture<Boolean> exists = async.existUser("a@vireo.dev");
    CompletableFuture<User> user = async.getUser(8);
    CompletableFuture<Void> validated = async.validate("a@vireo.dev");

    assertThat(exists.get(5, TimeUnit.SECONDS)).isTrue();
    assertThat(user.get(5, TimeUnit.SECONDS).name()).isEqualTo("user-8");
    assertThat(validated.get(5, TimeUnit.SECONDS)).isNull();
  }

  @Test
  void aOnewayCallReachesTheServerWithoutAReply() throws Exception {
    UserService users = loopback.client.refer(UserService.class);

    users.audit("logged in");

    assertThat(implementation.audits.poll(5, TimeUnit.SECONDS)).isEqualTo("logged in");
  }

  @Test
  void aOnewayCallThroughTheAsyncViewCompletesOnceSent() throws Exception {
    UserServiceAsync async = loopback.client.refer(UserServiceAsync.class);

    implementation.holdAudits();

    CompletableFuture<Void> sent = async.audit("async event");

    // Complete while the implementation is still held: it waited for the send, not the run.
    assertThat(sent.get(5, TimeUnit.SECONDS)).isNull();
    assertThat(implementation.audits).isEmpty();
    implementation.releaseAudits();
    assertThat(implementation.audits.poll(5, TimeUnit.SECONDS)).isEqualTo("async event");
  }

  @Test
  void taggedImplementationsAreReferredByTag() {
    UserService v1 = loopback.client.refer(UserService.class);
    UserService v2 = loopback.client.refer(UserService.class, "v2");

    assertThat(v1.getUser(1).name()).isEqualTo("user-1");
    assertThat(v2.getUser(1).name()).isEqualTo("v2-user-1");
  }

  @Test
  void nestedInterfacesAndTheirAsyncView() throws Exception {
    assertThat(loopback.client.refer(Outer.Inner.class).hello("nested")).isEqualTo("hello, nested");
    Outer_InnerAsync async = loopback.client.refer(Outer_InnerAsync.class);
    assertThat(async.hello("later").get(5, TimeUnit.SECONDS)).isEqualTo("hello, later");
  }
}
