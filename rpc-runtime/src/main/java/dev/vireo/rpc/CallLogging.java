package dev.vireo.rpc;

import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs one line per call when it ends, through SLF4J: the side, the call, its outcome, how long it
 * took and the peer. Vireo logs nothing per call unless this is installed:
 *
 * <pre>{@code
 * RpcClient.builder().intercept(CallLogging.client())
 * RpcServer.builder().intercept(CallLogging.server())
 * }</pre>
 *
 * <p>Calls that returned are logged at DEBUG, failures at INFO, both to the logger {@code
 * dev.vireo.rpc.calls}.
 */
public final class CallLogging implements ClientInterceptor, ServerInterceptor {
  private static final Logger log = LoggerFactory.getLogger("dev.vireo.rpc.calls");

  private final String side;

  private CallLogging(String side) {
    this.side = side;
  }

  /** Logs the calls a client makes. */
  public static ClientInterceptor client() {
    return new CallLogging("client");
  }

  /** Logs the calls a server receives. */
  public static ServerInterceptor server() {
    return new CallLogging("server");
  }

  /** Nothing to say until the call ends. */
  @Override
  public void onStart(CallInfo call) {}

  @Override
  public void onEnd(CallInfo call, CallOutcome outcome) {
    boolean failed = !outcome.isOk();
    if (failed ? !log.isInfoEnabled() : !log.isDebugEnabled()) {
      return;
    }
    String line = line(side, call, outcome, System.nanoTime() - call.startNanos());
    if (failed) {
      log.info(line);
    } else {
      log.debug(line);
    }
  }

  /** The line logged for {@code call}, which took {@code nanos}. */
  static String line(String side, CallInfo call, CallOutcome outcome, long nanos) {
    return String.format("%s %s %s %s in %d us, peer %s%s", side, call.kind(), call,
        outcome.statusName(), TimeUnit.NANOSECONDS.toMicros(nanos), call.peerAddress(),
        outcome.isOk() ? "" : ": " + outcome.failure().getMessage());
  }
}
