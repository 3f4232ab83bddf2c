package dev.vireo.rpc.processor;

import com.google.auto.service.AutoService;
import dev.vireo.rpc.annotation.Remote;
import dev.vireo.rpc.processor.model.GeneratedNames;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Lists every generated binding in {@code META-INF/services/dev.vireo.rpc.stub.ServiceBinding},
 * so the runtime finds them with {@link java.util.ServiceLoader} instead of reflection. It gathers
 * the interfaces of every round, merges what an earlier incremental compilation wrote, and writes
 * the file once, in the last round. Each module's jar carries its own file; {@code ServiceLoader}
 * reads them all. Kept apart from {@link RemoteProcessor} because it aggregates (Gradle's
 * incremental compilation treats the two differently).
 */
@AutoService(Processor.class)
@SupportedAnnotationTypes(RemoteProcessor.REMOTE)
public final class ServicesFileProcessor extends AbstractProcessor {
  static final String SERVICES_FILE = "META-INF/services/dev.vireo.rpc.stub.ServiceBinding";

  private final SortedSet<String> bindings = new TreeSet<>();

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    for (TypeElement element : ElementFilter.typesIn(
        round.getElementsAnnotatedWith(Remote.class))) {
      if (element.getKind() == ElementKind.INTERFACE) {
        bindings.add(GeneratedNames.binding(element).binaryName());
      }
    }
    if (round.processingOver() && !bindings.isEmpty()) {
      writeServicesFile();
    }
    return false;
  }

  private void writeServicesFile() {
    Filer filer = processingEnv.getFiler();
    SortedSet<String> all = new TreeSet<>(bindings);
    try {
      FileObject existing = filer.getResource(StandardLocation.CLASS_OUTPUT, "", SERVICES_FILE);
      try (Reader reader = existing.openReader(true);
          BufferedReader lines = new BufferedReader(reader)) {
        lines.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .forEach(all::add);
      }
    } catch (IOException | IllegalArgumentException noEarlierFile) {
      // a clean build: nothing to merge
    }
    try {
      FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, "", SERVICES_FILE);
      try (Writer writer =
          new OutputStreamWriter(file.openOutputStream(), StandardCharsets.UTF_8)) {
        for (String binding : all) {
          writer.write(binding);
          writer.write('\n');
        }
      }
    } catch (IOException e) {
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
          "[vireo.internal] could not write " + SERVICES_FILE + ": " + e);
    }
  }
}
