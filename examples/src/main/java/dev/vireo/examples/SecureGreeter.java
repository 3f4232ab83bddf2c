package dev.vireo.examples;

import dev.vireo.rpc.BearerTokens;
import dev.vireo.rpc.RpcClient;
import dev.vireo.rpc.RpcException;
import dev.vireo.rpc.RpcServer;
import dev.vireo.rpc.Tls;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@link Greeter} facing an untrusted network: mutual TLS, a bearer token checked before any
 * call runs, and the server's limits set explicitly. It issues a throwaway authority and
 * certificates for this run; in production they come from your PKI. Run it with {@code mvn -q
 * -pl examples exec:java@secure}.
 */
public final class SecureGreeter {
  private SecureGreeter() {}

  public static void main(String[] args) throws Exception {
    run().forEach(System.out::println);
  }

  /** Calls the server as a trusted client, with a wrong token, and without a certificate. */
  static List<String> run() throws Exception {
    X509Bundle authority = new CertificateBuilder().subject("CN=Example CA")
        .setIsCertificateAuthority(true).ecp256().buildSelfSigned();
    Pem ca = Pem.of(authority);
    Pem serverIdentity = Pem.of(new CertificateBuilder().subject("CN=localhost")
        .addSanDnsName("localhost").ecp256().buildIssuedBy(authority));
    Pem clientIdentity = Pem.of(new CertificateBuilder().subject("CN=billing")
        .ecp256().buildIssuedBy(authority));
    Set<String> validTokens = Set.of("s3cret");

    List<String> printed = new ArrayList<>();
    // [START secure_server]
    RpcServer server = RpcServer.builder()
        .host("127.0.0.1").port(0)
        .tls(Tls.server(serverIdentity.chain(), serverIdentity.key())
            .trust(ca.chain())                          // whom to accept as clients
            .requireClientAuth())                       // mutual TLS
        .intercept(BearerTokens.server(validTokens::contains))
        .maxConnections(10_000)                         // the defaults, spelt out
        .maxCallsPerConnection(1_000)
        .maxBytesInFlight(256L << 20)
        .frameTimeout(Duration.ofSeconds(30))
        .build();
    // [END secure_server]
    try (server) {
      server.export(Greeter.class, new GreeterImpl());
      server.start();
      // [START secure_client]
      RpcClient trusted = RpcClient.builder()
          .address("localhost", server.port())
          .tls(Tls.client().trust(ca.chain())           // the server's name is verified
              .identity(clientIdentity.chain(), clientIdentity.key()))
          .intercept(BearerTokens.client(() -> "s3cret"))
          .build();
      // [END secure_client]
      try (trusted) {
        printed.add("trusted client: " + trusted.refer(Greeter.class).greet("Ada"));
      }
      try (RpcClient wrongToken = RpcClient.builder().address("localhost", server.port())
          .tls(Tls.client().trust(ca.chain()).identity(clientIdentity.chain(),
              clientIdentity.key()))
          .intercept(BearerTokens.client(() -> "guess")).build()) {
        printed.add("wrong token: " + refusal(wrongToken));
      }
      try (RpcClient noCertificate = RpcClient.builder().address("localhost", server.port())
          .tls(Tls.client().trust(ca.chain())).build()) {
        printed.add("no client certificate: " + refusal(noCertificate));
      }
    }
    return printed;
  }

  private static String refusal(RpcClient client) {
    try {
      return "answered " + client.refer(Greeter.class).greet("Mallory");
    } catch (RpcException refused) {
      return refused.status() + ", did not run: " + !refused.mayHaveRun();
    }
  }

  /** A certificate chain and its private key, in temporary PEM files. */
  private record Pem(Path chain, Path key) {
    static Pem of(X509Bundle bundle) throws Exception {
      return new Pem(Path.of(bundle.toTempCertChainPem().getPath()),
          Path.of(bundle.toTempPrivateKeyPem().getPath()));
    }
  }
}
