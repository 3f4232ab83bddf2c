package dev.vireo.rpc.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.vireo.rpc.processor.Compilations.compile;
import static dev.vireo.rpc.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Every shape the processor cannot serve fails the build with an error on the offending element,
 * naming it and saying what to do; nothing is generated for that interface.
 */
class DiagnosticsTest {
  @Test
  void remoteOnAClass() {
    JavaFileObject file = source("Service",
        "package test;",
        "@dev.vireo.rpc.annotation.Remote",
        "public class Service {}");

    Compilation compilation = compile(file);

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining("[vireo.not-interface] @Remote applies to interfaces only, but"
            + " Service is a class")
        .inFile(file).onLineContaining("@dev.vireo.rpc.annotation.Remote");
  }

  @Test
  void remoteOnAnEnumOrRecordNamesWhatItIs() {
    JavaFileObject file = source("Mode",
        "package test;",
        "@dev.vireo.rpc.annotation.Remote",
        "public enum Mode { ON }");

    assertThat(compile(file)).hadErrorContaining("Mode is a enum").inFile(file)
        .onLineContaining("@dev.vireo.rpc.annotation.Remote");
  }

  @Test
  void aPrivateNestedInterface() {
    JavaFileObject file = source("Holder",
        "package test;",
        "public class Holder {",
        "  @dev.vireo.rpc.annotation.Remote",
        "  private interface Hidden { String hello(); }",
        "}");

    assertThat(compile(file)).hadErrorContaining("[vireo.private-interface]").inFile(file)
        .onLineContaining("@dev.vireo.rpc.annotation.Remote");
  }

  @Test
  void aGenericInterface() {
    JavaFileObject file = source("Repository",
        "package test;",
        "@dev.vireo.rpc.annotation.Remote",
        "public interface Repository<T> { T load(long id); }");

    assertThat(compile(file))
        .hadErrorContaining("[vireo.generic-interface] @Remote interface test.Repository has type"
            + " parameters")
        .inFile(file).onLineContaining("@dev.vireo.rpc.annotation.Remote");
  }

  @Test
  void aGenericMethod() {
    JavaFileObject file = source("Service",
        "package test;",
        "@dev.vireo.rpc.annotation.Remote",
        "public interface Service {",
        "  String fine(String s);",
        "  <T> T convert(String value, Class<T> type);",
        "}");

    Compilation compilation = compile(file);

    assertThat(compilation).hadErrorContaining(
            "[vireo.generic-method] Remote method convert(java.lang.String,java.lang.Class)"
                + " declares type parameters")
        .inFile(file).onLineContaining("<T> T convert");
    assertThat(compilation).hadErrorCount(2); // and Class<T> itself cannot travel
  }

  @Test
  void onewayOnAMethodThatReturnsAValue() {
    JavaFileObject file = source("Service",
        "package test;",
        "@dev.vireo.rpc.annotation.Remote",
        "public interface Service {",
        "  @dev.vireo.rpc.annotation.Oneway",
        "  int count(String event);",
        "}");

    assertThat(compile(file))
        .hadErrorContaining("[vireo.oneway-not-void] @Oneway method count(java.lang.String)"
            + " returns int, but a one-way call gets no reply")
        .inFile(file).onLineContaining("@dev.vireo.rpc.annotation.Oneway");
  }

  @Test
  void onewayOnAFutureMethod() {
    JavaFileObject file = source("Service",
        "package test;",
        "@dev.vireo.rpc.annotation.Remote",
        "public interface Service {",
        "  @dev.vireo.rpc.annotation.Oneway",
        "  java.util.concurrent.CompletableFuture<Void> fire(String event);",
        "}");

    assertThat(compile(file)).hadErrorContaining("[vireo.oneway-future]").inFile(file)
        .onLineContaining("@dev.vireo.rpc.annotation.Oneway");
  }

  @Test
  void aRawCompletableFuture() {
    JavaFileObject file = source("Service",
        "package test;",
        "@dev.vireo.rpc.annotation.Remote",
        "@SuppressWarnings(\"rawtypes\")",
        "public interface Service {",
        "  java.util.concurrent.CompletableFuture later();",
        "}");

    assertThat(compile(file)).hadErrorContaining("[vireo.raw-future] Remote method later()")
        .inFile(file).onLineContaining("CompletableFuture later()");
  }

  @Test
  void aTimeoutThatIsNotPositive() {
    JavaFileObject file = source("Service",
        "package test;",
        "@dev.vireo.rpc.annotation.Remote",
        "public interface Service {",
        "  @dev.vireo.rpc.annotation.Timeout(millis = 0)",
        "  String ping();",
        "}");

    assertThat(compile(file))
        .hadErrorContaining("[vireo.bad-timeout] @Timeout(millis = 0) on ping() must be positive")
        .inFile(file).onLineContaining("@dev.vireo.rpc.annotation.Timeout");
  }

  @Test
  void parametersAndResultsThatCannotTravel() {
    JavaFileObject file = source("Service",
        "package test;",
        "import java.io.InputStream;",
        "import java.util.function.Function;",
        "@dev.vireo.rpc.annotation.Remote",
        "public interface Service {",
        "  long upload(",
        "      InputStream data);",
        "  String apply(",
        "      Function<String, String> transform);",
        "  Thread worker();",
        "  void each(",
        "      java.util.Iterator<String> items);",
        "  void run(",
        "      Callback callback);",
        "  @FunctionalInterface",
        "  interface Callback { void done(); }",
        "}");

    Compilation compilation = compile(file);

    assertThat(compilation)
        .hadErrorContaining("[vireo.unserializable] parameter 'data' of"
            + " upload(java.io.InputStream) has type java.io.InputStream, which cannot cross the"
            + " wire: it is an open resource of this JVM")
        .inFile(file).onLineContaining("InputStream data);");
    assertThat(compilation)
        .hadErrorContaining("parameter 'transform' of apply(java.util.function.Function) has type"
            + " java.util.function.Function, which cannot cross the wire: it is behaviour, not"
            + " data")
        .inFile(file).onLineContaining("Function<String, String> transform);");
    assertThat(compilation)
        .hadErrorContaining("the result of worker() has type java.lang.Thread, which cannot"
            + " cross the wire: it belongs to this JVM's threads")
        .inFile(file).onLineContaining("Thread worker();");
    assertThat(compilation).hadErrorContaining("it is a cursor over data held here")
        .inFile(file).onLineContaining("java.util.Iterator<String> items);");
    assertThat(compilation).hadErrorContaining("parameter 'callback' of run(test.Service.Callback)")
        .inFile(file).onLineContaining("Callback callback);");
    assertThat(compilation).hadErrorCount(5);
  }

  @Test
  void exceptionsAndRegexesAreRefusedAsValues() {
    JavaFileObject file = source("Service",
        "package test;",
        "@dev.vireo.rpc.annotation.Remote",
        "public interface Service {",
        "  void report(",
        "      IllegalStateException problem);",
        "  java.util.regex.Pattern rule();",
        "  void fails() throws java.io.IOException;",
        "}");

    Compilation compilation = compile(file);

    assertThat(compilation)
        .hadErrorContaining("parameter 'problem' of report(java.lang.IllegalStateException) has"
            + " type java.lang.IllegalStateException, which cannot cross the wire: an exception"
            + " travels only as what a method throws")
        .inFile(file).onLineContaining("IllegalStateException problem);");
    assertThat(compilation)
        .hadErrorContaining("the result of rule() has type java.util.regex.Pattern, which cannot"
            + " cross the wire: the receiver would compile whatever regex the sender wrote")
        .inFile(file).onLineContaining("Pattern rule();");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void aFieldThatCannotTravelIsNamedWithThePathToIt() {
    JavaFileObject dto = source("Job",
        "package test;",
        "public class Job {",
        "  public String name;",
        "  public Thread runner;",
        "}");
    JavaFileObject file = source("Jobs",
        "package test;",
        "@dev.vireo.rpc.annotation.Remote",
        "public interface Jobs {",
        "  void submit(",
        "      Job job);",
        "}");

    assertThat(compile(dto, file))
        .hadErrorContaining("parameter 'job' of submit(test.Job) has type java.lang.Thread"
            + " (through Job.runner)")
        .inFile(file).onLineContaining("Job job);");
  }

  @Test
  void aTypeTheGeneratedCodeCannotName() {
    JavaFileObject dto = source("Outside",
        "package test.other;",
        "public class Outside {",
        "  public Secret secret;",
        "  static class Secret { int value; }",
        "}");
    JavaFileObject file = source("Service",
        "package test;",
        "@dev.vireo.rpc.annotation.Remote",
        "public interface Service {",
        "  void send(",
        "      test.other.Outside value);",
        "}");

    assertThat(compile(dto, file))
        .hadErrorContaining("[vireo.inaccessible-type] parameter 'value' of"
            + " send(test.other.Outside) reaches test.other.Outside.Secret, which code in package"
            + " test cannot name")
        .inFile(file).onLineContaining("test.other.Outside value);");
  }

  @Test
  void methodsWhoseWireIdsCollideAreBothReported() {
    JavaFileObject file = source("Service",
        "package test;",
        "@dev.vireo.rpc.annotation.Remote",
        "public interface Service {",
        "  void opkou();",
        "  void opbkeda();",
        "}");

    Compilation compilation = compile(file);

    assertThat(compilation)
        .hadErrorContaining("[vireo.method-id-collision] Remote methods opkou() and opbkeda() of"
            + " test.Service hash to the same wire id 0x56d561d8")
        .inFile(file).onLineContaining("void opkou();");
    assertThat(compilation)
        .hadErrorContaining("Remote methods opbkeda() and opkou() of test.Service")
        .inFile(file).onLineContaining("void opbkeda();");
  }

  @Test
  void aTypeNamedLikeAGeneratedOne() {
    JavaFileObject clash = source("ServiceAsync",
        "package test;",
        "public class ServiceAsync {}");
    JavaFileObject file = source("Service",
        "package test;",
        "@dev.vireo.rpc.annotation.Remote",
        "public interface Service { String hello(); }");

    assertThat(compile(clash, file))
        .hadErrorContaining("[vireo.name-clash] Vireo generates test.ServiceAsync for @Remote"
            + " interface test.Service, but a type with that name already exists")
        .inFile(file).onLineContaining("@dev.vireo.rpc.annotation.Remote");
  }

  @Test
  void aProblemInAnInheritedMethodIsReportedOnTheRemoteInterface() {
    JavaFileObject base = source("Base",
        "package test;",
        "public interface Base {",
        "  <T> T convert(String value);",
        "}");
    JavaFileObject file = source("Service",
        "package test;",
        "@dev.vireo.rpc.annotation.Remote",
        "public interface Service extends Base {}");

    assertThat(compile(base, file))
        .hadErrorContaining("convert(java.lang.String) (inherited from test.Base) declares type"
            + " parameters")
        .inFile(file).onLineContaining("public interface Service extends Base");
  }

  @Test
  void anExceptionTheClientCannotRebuildIsAWarningNotAnError() {
    JavaFileObject exception = source("Odd",
        "package test;",
        "public class Odd extends Exception {",
        "  public Odd(int code) { super(\"code \" + code); }",
        "}");
    JavaFileObject file = source("Service",
        "package test;",
        "@dev.vireo.rpc.annotation.Remote",
        "public interface Service {",
        "  void risky() throws Odd;",
        "}");

    Compilation compilation = compile(exception, file);

    assertThat(compilation).succeeded();
    assertThat(compilation)
        .hadWarningContaining("[vireo.exception-not-rebuildable] test.Odd declared by risky()")
        .inFile(file).onLineContaining("void risky() throws Odd;");
  }

  @Test
  void aSealedInterface() {
    JavaFileObject file = source("Billing",
        "package test;",
        "@dev.vireo.rpc.annotation.Remote",
        "public sealed interface Billing permits Billing.Local {",
        "  long charge(long cents);",
        "  final class Local implements Billing { public long charge(long c) { return c; } }",
        "}");

    Compilation compilation = compile(file);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[vireo.sealed-interface] @Remote interface test.Billing is sealed")
        .inFile(file).onLineContaining("@dev.vireo.rpc.annotation.Remote");
  }

  @Test
  void aFutureOfAWildcard() {
    JavaFileObject file = source("Jobs",
        "package test;",
        "import java.util.concurrent.CompletableFuture;",
        "@dev.vireo.rpc.annotation.Remote",
        "public interface Jobs {",
        "  CompletableFuture<?> start(String id);",
        "  CompletableFuture<? extends Number> load();",
        "}");

    Compilation compilation = compile(file);

    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining("[vireo.wildcard-future] Remote method start(java.lang.String) returns"
            + " CompletableFuture<?>")
        .inFile(file).onLineContaining("start(String id)");
    assertThat(compilation)
        .hadErrorContaining("e.g. CompletableFuture<java.lang.Number>")
        .inFile(file).onLineContaining("load()");
  }

  @Test
  void aGenericMethodThatThrowsItsTypeVariableIsReportedAsGenericNotAsAProcessorBug() {
    JavaFileObject file = source("Tasks",
        "package test;",
        "@dev.vireo.rpc.annotation.Remote",
        "public interface Tasks {",
        "  <X extends Exception> void run(String id) throws X;",
        "}");

    Compilation compilation = compile(file);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("[vireo.generic-method]")
        .inFile(file).onLineContaining("void run(String id)");
  }

  @Test
  void aMethodInheritedFromTwoInterfacesThatDisagreeOnItsAnnotations() {
    JavaFileObject bases = source("Bases",
        "package test;",
        "public class Bases {",
        "  public interface Pinger { @dev.vireo.rpc.annotation.Oneway void ping(); }",
        "  public interface Checker { void ping(); }",
        "}");
    JavaFileObject file = source("Service",
        "package test;",
        "@dev.vireo.rpc.annotation.Remote",
        "public interface Service extends Bases.Pinger, Bases.Checker {}");

    assertThat(compile(bases, file))
        .hadErrorContaining("[vireo.inherited-conflict] Remote method ping() is inherited from"
            + " test.Bases.Pinger and from test.Bases.Checker, which disagree on @Oneway")
        .inFile(file).onLineContaining("public interface Service extends");
  }

  @Test
  void aTypeThatNoRoundProducesIsReportedOnTheService() {
    JavaFileObject file = source("Orders",
        "package test;",
        "@dev.vireo.rpc.annotation.Remote",
        "public interface Orders {",
        "  record Order(Missing field) {}",
        "  void place(Order order);",
        "}");

    assertThat(compile(file))
        .hadErrorContaining("[vireo.unresolved-type] @Remote interface test.Orders uses a type that"
            + " could not be resolved after the last processing round: Missing (through"
            + " Order.field)")
        .inFile(file).onLineContaining("public interface Orders");
  }
}
