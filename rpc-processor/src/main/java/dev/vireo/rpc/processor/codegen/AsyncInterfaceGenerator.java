package dev.vireo.rpc.processor.codegen;

import static javax.lang.model.element.Modifier.PUBLIC;

import dev.vireo.rpc.processor.model.ClassName;
import dev.vireo.rpc.processor.model.MethodModel;
import dev.vireo.rpc.processor.model.ServiceModel;
import java.util.Set;

/**
 * Writes {@code XAsync}: the service's remote methods, each returning a {@code CompletableFuture}
 * of its result, for clients that must never block. Checked exceptions arrive through the future.
 */
public final class AsyncInterfaceGenerator {
  private final GeneratedAnnotation generated;

  public AsyncInterfaceGenerator(GeneratedAnnotation generated) {
    this.generated = generated;
  }

  public GeneratedSource generate(ServiceModel service) {
    ClassName self = service.asyncName();
    JavaWriter out = new JavaWriter(self, Set.of(self.simpleName()), service.element());
    out.claimSamePackage(MentionedTypes.of(service));
    out.javadoc(
        "The asynchronous view of {@link " + out.type(service.interfaceName()) + "}: each method"
            + " returns at once and its future",
        "completes with the result, or with the exception the call failed with. Obtain one with",
        "{@code client.refer(" + self.simpleName() + ".class)}.");
    generated.writeTo(out);
    boolean isPublic = service.element().getModifiers().contains(PUBLIC);
    out.open((isPublic ? "public " : "") + "interface " + self.simpleName());
    for (int i = 0; i < service.methods().size(); i++) {
      MethodModel method = service.methods().get(i);
      if (i > 0) {
        out.line("");
      }
      out.line(StubWriter.asyncSignature(method, out) + ";");
    }
    out.close();
    return new GeneratedSource(self, out.toSource(), service.element());
  }
}
