package dev.vireo.rpc.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;

/** Compiles test sources with both Vireo processors, as a user's build would. */
final class Compilations {
  private Compilations() {}

  static Compilation compile(JavaFileObject... sources) {
    return compile(new Processor[0], sources);
  }

  static Compilation compile(Processor[] extra, JavaFileObject... sources) {
    Processor[] processors = new Processor[extra.length + 2];
    processors[0] = new RemoteProcessor();
    processors[1] = new ServicesFileProcessor();
    System.arraycopy(extra, 0, processors, 2, extra.length);
    return javac().withProcessors(processors).compile(sources);
  }

  /** A source file {@code test/Name.java} from its lines. */
  static JavaFileObject source(String simpleName, String... lines) {
    return JavaFileObjects.forSourceLines("test." + simpleName, lines);
  }
}
