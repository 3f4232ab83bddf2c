import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * The floor under any processor that writes two sources per {@code @Remote} interface: it writes
 * the files Vireo's processor wrote in an earlier run (from the directory named by the system
 * property {@code floor.sources}), doing no work of its own, so what it costs is javac's: the
 * Filer, and the extra round that compiles generated sources. Used by processor-cost.sh only.
 */
@SupportedAnnotationTypes("dev.vireo.rpc.annotation.Remote")
public final class PregeneratedSources extends AbstractProcessor {
  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Path sources = Path.of(System.getProperty("floor.sources"));
    for (TypeElement annotation : annotations) {
      for (Element service : round.getElementsAnnotatedWith(annotation)) {
        String packageName = processingEnv.getElementUtils().getPackageOf(service)
            .getQualifiedName().toString();
        for (String suffix : new String[] {"Vireo", "Async"}) {
          String name = service.getSimpleName() + suffix;
          Path pregenerated = sources.resolve(packageName.replace('.', '/')).resolve(name + ".java");
          try (Writer out = processingEnv.getFiler()
              .createSourceFile(packageName + "." + name, service).openWriter()) {
            out.write(Files.readString(pregenerated));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
    }
    return false;
  }
}
