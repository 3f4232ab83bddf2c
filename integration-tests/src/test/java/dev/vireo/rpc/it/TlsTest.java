package dev.vireo.rpc.it;

import static com.google.common.truth.Truth.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vireo.rpc.BearerTokens;
import dev.vireo.rpc.CallInfo;
import dev.vireo.rpc.RpcClient;
import dev.vireo.rpc.RpcException;
import dev.vireo.rpc.RpcServer;
import dev.vireo.rpc.RpcStatus;
import dev.vireo.rpc.ServerInterceptor;
import dev.vireo.rpc.Tls;
import dev.vireo.rpc.it.services.User;
import dev.vireo.rpc.it.services.UserService;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import io.netty.util.LeakPresenceDetector;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TLS, mutual TLS and bearer tokens over real sockets, with certificates made for this run by a
 * test authority (no key is committed).
 */
class TlsTest {
  private static X509Bundle authority;
  private static X509Bundle otherAuthority;
  private static Pem server;
  private static Pem serverForAnotherHost;
  private static Pem client;
  private static Pem untrustedClient;

  @BeforeAll
  static void issueCertificates() throws Exception {
    authority = new CertificateBuilder().subject("CN=Vireo test CA").setIsCertificateAuthority(true)
        .ecp256().buildSelfSigned();
    otherAuthority = new CertificateBuilder().subject("CN=Someone else")
        .setIsCertificateAuthority(true).ecp256().buildSelfSigned();
    server = Pem.of(new CertificateBuilder().subject("CN=localhost").addSanDnsName("localhost")
        .addSanIpAddress("127.0.0.1").ecp256().buildIssuedBy(authority));
    serverForAnotherHost = Pem.of(new CertificateBuilder().subject("CN=elsewhere.example")
        .addSanDnsName("elsewhere.example").ecp256().buildIssuedBy(authority));
    client = Pem.of(new CertificateBuilder().subject("CN=billing-service").ecp256()
        .buildIssuedBy(authority));
    untrustedClient = Pem.of(new CertificateBuilder().subject("CN=intruder").ecp256()
        .buildIssuedBy(otherAuthority));
  }

  @AfterAll
  static void checkBuffers() {
    LeakPresenceDetector.check();
  }

  @Test
  void callsTravelOverTlsToAServerTheClientTrusts() throws Exception {
    try (RpcServer tlsServer = serve(Tls.server(server.chain, server.key), b -> {});
        RpcClient tlsClient = clientOf(tlsServer, Tls.client().trust(authority()), b -> {})) {
      assertThat(tlsClient.refer(UserService.class).getUser(3).id()).isEqualTo(3);
    }
  }

  @Test
  void underMutualTlsTheServerSeesTheClientsCertificate() throws Exception {
    List<CallInfo> seen = new CopyOnWriteArrayList<>();
    ServerInterceptor recorder = new ServerInterceptor() {
      @Override
      public void onStart(CallInfo call) {
        seen.add(call);
      }
    };
    try (RpcServer tlsServer = serve(Tls.server(server.chain, server.key).trust(authority())
            .requireClientAuth(), b -> b.intercept(recorder));
        RpcClient tlsClient = clientOf(tlsServer, Tls.client().trust(authority())
            .identity(client.chain, client.key), b -> {})) {
      tlsClient.refer(UserService.class).getUser(1);

      assertThat(seen).hasSize(1);
      assertThat(seen.get(0).peerCertificates().get(0).getSubjectX500Principal().getName())
          .isEqualTo("CN=billing-service");
      assertThat(seen.get(0).peerAddress()).isNotNull();
    }
  }

  @Test
  void aClientWithoutATrustedCertificateIsRefusedAsUnauthenticated() throws Exception {
    try (RpcServer tlsServer = serve(Tls.server(server.chain, server.key).trust(authority())
        .requireClientAuth(), b -> {})) {
      for (Tls.Client credentials : List.of(Tls.client().trust(authority()),
          Tls.client().trust(authority()).identity(untrustedClient.chain, untrustedClient.key))) {
        try (RpcClient intruder = clientOf(tlsServer, credentials, b -> {})) {
          RpcException refused = assertThrows(RpcException.class,
              () -> intruder.refer(UserService.class).getUser(1));

          assertThat(refused.status()).isEqualTo(RpcStatus.UNAUTHENTICATED);
          assertThat(refused.mayHaveRun()).isFalse();
          assertThat(refused).hasMessageThat().contains("certificate");
        }
      }
    }
  }

  @Test
  void aClientRefusesAServerItDoesNotTrustOrThatNamesAnotherHost() throws Exception {
    try (RpcServer untrusted = serve(Tls.server(server.chain, server.key), b -> {});
        RpcServer wrongHost = serve(Tls.server(serverForAnotherHost.chain,
            serverForAnotherHost.key), b -> {})) {
      Path otherCa = Path.of(otherAuthority.toTempRootCertPem().getPath());
      try (RpcClient trustsOthers = clientOf(untrusted, Tls.client().trust(otherCa), b -> {});
          RpcClient checksHost = clientOf(wrongHost, Tls.client().trust(authority()), b -> {})) {
        for (RpcClient refusing : List.of(trustsOthers, checksHost)) {
          RpcException refused = assertThrows(RpcException.class,
              () -> refusing.refer(UserService.class).getUser(1));

          assertThat(refused.status()).isEqualTo(RpcStatus.UNAUTHENTICATED);
          assertThat(refused.mayHaveRun()).isFalse();
        }
      }
    }
  }

  @Test
  void aCertificateRefusedBeforeDoesNotNameTheLossOfALaterConnection() throws Exception {
    InMemoryUserService implementation = new InMemoryUserService();
    try (RpcServer wrongHost = serve(Tls.server(serverForAnotherHost.chain,
            serverForAnotherHost.key), b -> {});
        RpcClient tlsClient = clientOf(wrongHost, Tls.client().trust(authority()),
            b -> b.timeout(Duration.ofSeconds(30)))) {
      RpcException refused = assertThrows(RpcException.class,
          () -> tlsClient.refer(UserService.class).getUser(1));
      assertThat(refused.status()).isEqualTo(RpcStatus.UNAUTHENTICATED);
      int port = wrongHost.port();
      wrongHost.close();
      // The same address, now with a certificate the client accepts.
      RpcServer rightHost = RpcServer.builder().host("127.0.0.1").port(port)
          .ioThreads(1).tls(Tls.server(server.chain, server.key))
          .shutdownTimeout(Duration.ofMillis(200)).build();
      rightHost.export(UserService.class, implementation);
      rightHost.start();
      try {
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
            .until(() -> tlsClient.refer(UserService.class).getUser(2).id() == 2);
        // An answer the implementation never gives: the call is in flight when the server goes.
        CompletableFuture<User> running = tlsClient.refer(UserService.class).findLater("anyone");
        assertThat(implementation.pendingFinds.poll(10, TimeUnit.SECONDS)).isNotNull();

        rightHost.close();

        ExecutionException lost =
            assertThrows(ExecutionException.class, () -> running.get(20, TimeUnit.SECONDS));
        RpcException failure = (RpcException) lost.getCause();
        assertThat(failure.status()).isEqualTo(RpcStatus.UNAVAILABLE);
        assertThat(failure.mayHaveRun()).isTrue();
      } finally {
        rightHost.close();
      }
    }
  }

  @Test
  void aOneWayCallMadeWhileItsConnectionComesUpFailsIfTheConnectionNeverDoes() throws Exception {
    // Takes connections (the system does) and never answers a TLS handshake.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        RpcClient tlsClient = RpcClient.builder().address("127.0.0.1", silent.getLocalPort())
            .tls(Tls.client().trust(authority())).timeout(Duration.ofMillis(500)).ioThreads(1)
            .build()) {
      UserService users = tlsClient.refer(UserService.class);

      RpcException failed = assertThrows(RpcException.class, () -> users.audit("lost?"));

      assertThat(failed.status()).isAnyOf(RpcStatus.TIMEOUT, RpcStatus.UNAVAILABLE);
    }
  }

  @Test
  void aPlainClientGetsNoAnswerFromATlsServer() throws Exception {
    try (RpcServer tlsServer = serve(Tls.server(server.chain, server.key), b -> {});
        RpcClient plain = RpcClient.builder().address("127.0.0.1", tlsServer.port())
            .timeout(Duration.ofSeconds(2)).ioThreads(1).build()) {
      RpcException failed = assertThrows(RpcException.class,
          () -> plain.refer(UserService.class).getUser(1));

      assertThat(failed.status()).isAnyOf(RpcStatus.UNAVAILABLE, RpcStatus.TIMEOUT);
    }
  }

  @Test
  void bearerTokensLetThroughOnlyTheCallsWithAnAcceptedToken() throws Exception {
    try (RpcServer tlsServer = serve(Tls.server(server.chain, server.key),
            b -> b.intercept(BearerTokens.server("s3cret"::equals)));
        RpcClient good = clientOf(tlsServer, Tls.client().trust(authority()),
            b -> b.intercept(BearerTokens.client(() -> "s3cret")));
        RpcClient bad = clientOf(tlsServer, Tls.client().trust(authority()),
            b -> b.intercept(BearerTokens.client(() -> "guess")));
        RpcClient none = clientOf(tlsServer, Tls.client().trust(authority()), b -> {})) {
      assertThat(good.refer(UserService.class).getUser(2).id()).isEqualTo(2);
      for (RpcClient refused : List.of(bad, none)) {
        RpcException thrown = assertThrows(RpcException.class,
            () -> refused.refer(UserService.class).getUser(2));
        assertThat(thrown.status()).isEqualTo(RpcStatus.UNAUTHENTICATED);
        assertThat(thrown.mayHaveRun()).isFalse();
      }
    }
  }

  private static Path authority() throws Exception {
    return Path.of(authority.toTempRootCertPem().getPath());
  }

  private static RpcServer serve(Tls.Server tls, Consumer<RpcServer.Builder> options) {
    RpcServer.Builder builder = RpcServer.builder().host("127.0.0.1").port(0).ioThreads(1)
        .tls(tls);
    options.accept(builder);
    RpcServer started = builder.build();
    started.export(UserService.class, new InMemoryUserService());
    started.start();
    return started;
  }

  private static RpcClient clientOf(RpcServer target, Tls.Client tls,
      Consumer<RpcClient.Builder> options) {
    RpcClient.Builder builder = RpcClient.builder().address("127.0.0.1", target.port())
        .tls(tls).timeout(Duration.ofSeconds(5)).ioThreads(1);
    options.accept(builder);
    return builder.build();
  }

  /** A certificate chain and its private key, written to temporary PEM files. */
  private record Pem(Path chain, Path key) {
    static Pem of(X509Bundle bundle) throws Exception {
      return new Pem(Path.of(bundle.toTempCertChainPem().getPath()),
          Path.of(bundle.toTempPrivateKeyPem().getPath()));
    }
  }
}
