package dev.vireo.rpc.processor.codegen;

import javax.lang.model.util.Elements;

/**
 * Adds {@code @Generated} naming the processor, without a date, so builds stay reproducible; left
 * out when the compilation's {@code --release} lacks {@code javax.annotation.processing.Generated}.
 */
public final class GeneratedAnnotation {
  private final boolean available;
  private final String processor;

  public GeneratedAnnotation(Elements elements, String processor) {
    this.available = elements.getTypeElement(RuntimeNames.GENERATED.canonicalName()) != null;
    this.processor = processor;
  }

  void writeTo(JavaWriter out) {
    if (available) {
      out.line("@" + out.type(RuntimeNames.GENERATED) + "(" + JavaWriter.literal(processor) + ")");
    }
  }
}
