package dev.vireo.rpc.internal.invoker;

import dev.vireo.rpc.RemoteApplicationException;
import dev.vireo.rpc.internal.protocol.ThrownException;
import dev.vireo.rpc.stub.ExceptionFactory;
import dev.vireo.rpc.stub.MethodDescriptor;
import dev.vireo.rpc.stub.MethodDescriptor.DeclaredException;

/**
 * Turns a {@link ThrownException} back into a throwable on the client: the declared exception type
 * the server matched, else a well-known JDK exception of the same class, else a {@link
 * RemoteApplicationException}. Its stack trace is the server's.
 */
final class ExceptionRebuilder {
  private ExceptionRebuilder() {}

  static Throwable rebuild(ThrownException thrown, MethodDescriptor method) {
    Throwable rebuilt = null;
    if (thrown.declaredAs() != null) {
      for (DeclaredException declared : method.exceptions()) {
        if (declared.type().getName().equals(thrown.declaredAs())) {
          rebuilt = declared.factory().create(thrown.message());
          break;
        }
      }
    }
    if (rebuilt == null) {
      ExceptionFactory known = KnownExceptions.factory(thrown.className());
      rebuilt = known != null
          ? known.create(thrown.message())
          : new RemoteApplicationException(thrown.className(), thrown.message());
    }
    rebuilt.setStackTrace(thrown.stackTrace());
    return rebuilt;
  }
}
