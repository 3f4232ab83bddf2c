package dev.vireo.rpc.processor.codegen;

import dev.vireo.rpc.processor.model.ClassName;
import java.io.IOException;
import java.io.Writer;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;

/**
 * One generated source file.
 *
 * @param type the file's top-level type
 * @param text the file's contents
 * @param origin the element it was generated for, so incremental builds know what it depends on
 */
public record GeneratedSource(ClassName type, String text, Element origin) {

  /** Hands the file to javac. */
  public void writeTo(Filer filer) throws IOException {
    try (Writer writer = filer.createSourceFile(type.canonicalName(), origin).openWriter()) {
      writer.write(text);
    }
  }
}
