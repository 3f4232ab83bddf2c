package dev.vireo.rpc.processor.codegen;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.TypeSpec;
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

  void addTo(TypeSpec.Builder type) {
    if (available) {
      type.addAnnotation(AnnotationSpec.builder(RuntimeNames.GENERATED)
          .addMember("value", "$S", processor)
          .build());
    }
  }
}
