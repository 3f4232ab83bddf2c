package dev.vireo.rpc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Objects;

/**
 * TLS for a server or a client, from PEM files or a {@link KeyStore}. Netty's {@code SslHandler}
 * does the work, with OpenSSL (BoringSSL) when {@code netty-tcnative} is on the class path and the
 * JDK's provider otherwise.
 *
 * <pre>{@code
 * RpcServer.builder().tls(Tls.server(chainPem, keyPem).trust(clientCaPem).requireClientAuth())
 * RpcClient.builder().tls(Tls.client().trust(serverCaPem).identity(certPem, keyPem))
 * }</pre>
 */
public final class Tls {
  private Tls() {}

  /** A server identified by the certificate chain and PKCS#8 private key in these PEM files. */
  public static Server server(Path certChainPem, Path privateKeyPem) {
    return new Server(readable(certChainPem), readable(privateKeyPem), null, null);
  }

  /** A server identified by the key and certificate chain in {@code keyStore}. */
  public static Server server(KeyStore keyStore, char[] password) {
    return new Server(null, null, Objects.requireNonNull(keyStore, "keyStore"),
        Objects.requireNonNull(password, "password").clone());
  }

  /** A client that trusts the JDK's default authorities until told otherwise. */
  public static Client client() {
    return new Client();
  }

  private static Path readable(Path file) {
    Objects.requireNonNull(file, "file");
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException("cannot read " + file.toAbsolutePath());
    }
    return file;
  }

  /** A server's TLS: its identity, and whom it accepts as clients. */
  public static final class Server {
    final Path certChainPem;
    final Path privateKeyPem;
    final KeyStore keyStore;
    final char[] password;
    Path trustedClientCas;
    boolean clientAuthRequired;

    private Server(Path certChainPem, Path privateKeyPem, KeyStore keyStore, char[] password) {
      this.certChainPem = certChainPem;
      this.privateKeyPem = privateKeyPem;
      this.keyStore = keyStore;
      this.password = password;
    }

    /** Accepts client certificates issued by the authorities in this PEM file. */
    public Server trust(Path clientCaPem) {
      this.trustedClientCas = readable(clientCaPem);
      return this;
    }

    /** Mutual TLS: a client without a certificate the server trusts is refused. */
    public Server requireClientAuth() {
      this.clientAuthRequired = true;
      return this;
    }
  }

  /** A client's TLS: whom it trusts, and how it identifies itself. */
  public static final class Client {
    Path trustedCas;
    Path certChainPem;
    Path privateKeyPem;
    boolean verifyHostname = true;

    private Client() {}

    /** Trusts the servers whose certificates the authorities in this PEM file issued. */
    public Client trust(Path serverCaPem) {
      this.trustedCas = readable(serverCaPem);
      return this;
    }

    /** Presents this certificate chain and PKCS#8 key, for servers that require mutual TLS. */
    public Client identity(Path certChainPem, Path privateKeyPem) {
      this.certChainPem = readable(certChainPem);
      this.privateKeyPem = readable(privateKeyPem);
      return this;
    }

    /**
     * Whether the server's certificate must name the host the client dialled (default true).
     * Turn it off only for tests against certificates that name no host.
     */
    public Client verifyHostname(boolean verify) {
      this.verifyHostname = verify;
      return this;
    }
  }
}
