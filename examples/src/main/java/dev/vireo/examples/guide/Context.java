package dev.vireo.examples.guide;

import dev.vireo.rpc.CallContext;
import dev.vireo.rpc.CallInfo;
import dev.vireo.rpc.ClientInterceptor;
import dev.vireo.rpc.RpcException;
import dev.vireo.rpc.RpcStatus;
import dev.vireo.rpc.ServerInterceptor;
import java.time.Duration;
import java.util.Map;

/** The guide's samples of deadlines, attachments and interceptors. */
final class Context {
  private Context() {}

  // [START context]
  /** On the server: the caller's deadline and attachments, inside an implementation. */
  static String whoAsks() {
    CallContext call = CallContext.current();
    Duration left = call.remaining();              // calls made from here inherit the deadline
    return call.attachment("user") + " with " + left.toMillis() + " ms left";
  }

  /** On the client: attachments for every call this thread makes inside the scope. */
  static int stockFor(Inventory inventory, String user) {
    try (CallContext.Scope scope = CallContext.withAttachments(Map.of("user", user))) {
      return inventory.stock("tea");
    }
  }
  // [END context]

  // [START interceptors]
  /** Adds a credential to every call a client makes. */
  static final class ApiKey implements ClientInterceptor {
    @Override
    public void onStart(CallInfo call) {
      call.attachments().put("api-key", "s3cret");
    }
  }

  /** Refuses calls without the credential, before the implementation runs. */
  static final class RequireApiKey implements ServerInterceptor {
    @Override
    public void onStart(CallInfo call) {
      if (!"s3cret".equals(call.attachments().get("api-key"))) {
        throw new RpcException(RpcStatus.UNAUTHENTICATED, "no api key for " + call);
      }
    }
  }
  // [END interceptors]
}
