package dev.vireo.rpc.internal.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Arrays;
import java.util.Objects;

/**
 * An exception the implementation threw, as it travels back: not the object itself (a client must
 * never instantiate arbitrary classes a server names) but what the client needs to rebuild it.
 *
 * <pre>
 * wire string  className    binary name of the thrown class
 * wire string  declaredAs   the declared exception type it is an instance of, or null
 * wire string  message      its message, or null
 * int32        frameCount   at most {@value #MAX_FRAMES}
 * frameCount x (wire string declaringClass, wire string methodName,
 *               wire string fileName, int32 lineNumber)
 * </pre>
 *
 * @param className the binary name of the thrown class
 * @param declaredAs the binary name of the most specific declared exception type it is an
 *     instance of, or null
 * @param message its message, or null
 * @param stackTrace where the server threw it
 */
public record ThrownException(
    String className, String declaredAs, String message, StackTraceElement[] stackTrace) {
  /** Frames beyond this are dropped: a deep recursion must not make a huge reply. */
  public static final int MAX_FRAMES = 64;

  public Response toResponse(ByteBufAllocator allocator) {
    ByteBuf body = allocator.buffer();
    WireStrings.write(body, className);
    WireStrings.write(body, declaredAs);
    WireStrings.write(body, message);
    int frames = Math.min(stackTrace.length, MAX_FRAMES);
    body.writeInt(frames);
    for (int i = 0; i < frames; i++) {
      StackTraceElement frame = stackTrace[i];
      WireStrings.write(body, frame.getClassName());
      WireStrings.write(body, frame.getMethodName());
      WireStrings.write(body, frame.getFileName());
      body.writeInt(frame.getLineNumber());
    }
    return new Response(ResponseStatus.APPLICATION_ERROR, body);
  }

  /** Reads the body of {@code response}, which keeps its buffer. */
  public static ThrownException read(Response response) {
    ByteBuf body = response.body().duplicate();
    String className = WireStrings.read(body);
    String declaredAs = WireStrings.read(body);
    String message = WireStrings.read(body);
    int frames = body.readInt();
    if (frames < 0 || frames > MAX_FRAMES) {
      throw new IllegalArgumentException("stack trace of " + frames + " frames");
    }
    StackTraceElement[] stackTrace = new StackTraceElement[frames];
    for (int i = 0; i < frames; i++) {
      String declaringClass = WireStrings.read(body);
      String methodName = WireStrings.read(body);
      String fileName = WireStrings.read(body);
      stackTrace[i] = new StackTraceElement(
          String.valueOf(declaringClass), String.valueOf(methodName), fileName, body.readInt());
    }
    return new ThrownException(className, declaredAs, message, stackTrace);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ThrownException other
        && className.equals(other.className)
        && Objects.equals(declaredAs, other.declaredAs)
        && Objects.equals(message, other.message)
        && Arrays.equals(stackTrace, other.stackTrace);
  }

  @Override
  public int hashCode() {
    return Objects.hash(className, declaredAs, message, Arrays.hashCode(stackTrace));
  }

  @Override
  public String toString() {
    return className + (declaredAs == null ? "" : " as " + declaredAs) + ": " + message
        + " (" + stackTrace.length + " frames)";
  }
}
