package dev.vireo.rpc.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * Stands for another processor in the same build: in its first round it writes DTOs, an interface
 * and a second {@code @Remote} interface, so Vireo sees them only in a later round.
 */
@SupportedAnnotationTypes("*")
final class LateSourceGenerator extends AbstractProcessor {
  private boolean done;

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (done) {
      return false;
    }
    done = true;
    write("test.LateDto", "package test; public record LateDto(String value) {}");
    write("test.LateBase", "package test; public interface LateBase { String label(); }");
    write("test.LateField", "package test; public record LateField(long id) {}");
    write("test.LateService", "package test; @dev.vireo.rpc.annotation.Remote"
        + " public interface LateService { LateDto echo(LateDto dto); }");
    return false;
  }

  private void write(String name, String source) {
    try (Writer writer = processingEnv.getFiler().createSourceFile(name).openWriter()) {
      writer.write(source);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
