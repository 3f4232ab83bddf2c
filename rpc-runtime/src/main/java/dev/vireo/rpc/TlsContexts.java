package dev.vireo.rpc;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.security.GeneralSecurityException;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;

/** Turns a {@link Tls} configuration into Netty's {@link SslContext}, failing with a clear error. */
final class TlsContexts {
  private TlsContexts() {}

  static SslContext server(Tls.Server tls) {
    try {
      SslContextBuilder builder;
      if (tls.keyStore != null) {
        KeyManagerFactory keys =
            KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(tls.keyStore, tls.password);
        builder = SslContextBuilder.forServer(keys);
      } else {
        builder = SslContextBuilder.forServer(tls.certChainPem.toFile(),
            tls.privateKeyPem.toFile());
      }
      if (tls.trustedClientCas != null) {
        builder.trustManager(tls.trustedClientCas.toFile());
      }
      builder.clientAuth(tls.clientAuthRequired ? ClientAuth.REQUIRE
          : tls.trustedClientCas != null ? ClientAuth.OPTIONAL : ClientAuth.NONE);
      return builder.build();
    } catch (SSLException | GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot use the server's TLS configuration: "
          + e.getMessage(), e);
    }
  }

  static SslContext client(Tls.Client tls) {
    try {
      SslContextBuilder builder = SslContextBuilder.forClient();
      if (tls.trustedCas != null) {
        builder.trustManager(tls.trustedCas.toFile());
      }
      if (tls.certChainPem != null) {
        builder.keyManager(tls.certChainPem.toFile(), tls.privateKeyPem.toFile());
      }
      if (tls.verifyHostname) {
        builder.endpointIdentificationAlgorithm("HTTPS");
      } else {
        builder.endpointIdentificationAlgorithm(null);
      }
      return builder.build();
    } catch (SSLException | IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot use the client's TLS configuration: "
          + e.getMessage(), e);
    }
  }
}
