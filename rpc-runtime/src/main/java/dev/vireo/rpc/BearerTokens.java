package dev.vireo.rpc;

import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Bearer-token authentication, the worked example of an authenticating interceptor pair. The
 * client sends {@code authorization: Bearer <token>} as an attachment; the server refuses a call
 * whose token is missing or not accepted with {@code UNAUTHENTICATED}, before it is run.
 *
 * <pre>{@code
 * RpcServer.builder().intercept(BearerTokens.server(token -> tokens.isValid(token)))
 * RpcClient.builder().intercept(BearerTokens.client(() -> currentToken()))
 * }</pre>
 *
 * <p>Send tokens over TLS only: an attachment is as readable as the call it travels with.
 */
public final class BearerTokens {
  /** The attachment the token travels in. */
  public static final String ATTACHMENT = "authorization";

  private static final String PREFIX = "Bearer ";

  private BearerTokens() {}

  /** Adds the token {@code tokens} gives, asked for each call, to every call a client makes. */
  public static ClientInterceptor client(Supplier<String> tokens) {
    Objects.requireNonNull(tokens, "tokens");
    return new ClientInterceptor() {
      @Override
      public void onStart(CallInfo call) {
        String token = tokens.get();
        if (token == null || token.isEmpty()) {
          throw new RpcException(RpcStatus.UNAUTHENTICATED, "no bearer token to send for "
              + call);
        }
        call.attachments().put(ATTACHMENT, PREFIX + token);
      }
    };
  }

  /** Refuses every call whose bearer token {@code accepted} does not accept. */
  public static ServerInterceptor server(Predicate<String> accepted) {
    Objects.requireNonNull(accepted, "accepted");
    return new ServerInterceptor() {
      @Override
      public void onStart(CallInfo call) {
        String header = call.attachments().get(ATTACHMENT);
        if (header == null || !header.startsWith(PREFIX)) {
          throw new RpcException(RpcStatus.UNAUTHENTICATED, "no bearer token for " + call);
        }
        if (!accepted.test(header.substring(PREFIX.length()))) {
          throw new RpcException(RpcStatus.UNAUTHENTICATED, "the bearer token for " + call
              + " was not accepted");
        }
      }
    };
  }
}
