package dev.vireo.rpc.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.vireo.rpc.processor.Compilations.compile;
import static dev.vireo.rpc.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the processor writes for a valid interface, and where the runtime finds it. */
class GeneratedCodeTest {
  private static final JavaFileObject CALCULATOR =
      JavaFileObjects.forResource("golden/Calculator.java");

  @Test
  void theBindingMatchesTheGoldenFile() {
    Compilation compilation = compile(CALCULATOR);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("test.CalculatorVireo")
        .hasSourceEquivalentTo(JavaFileObjects.forResource("golden/CalculatorVireo.java"));
  }

  @Test
  void theAsyncInterfaceMatchesTheGoldenFile() {
    Compilation compilation = compile(CALCULATOR);

    assertThat(compilation).generatedSourceFile("test.CalculatorAsync")
        .hasSourceEquivalentTo(JavaFileObjects.forResource("golden/CalculatorAsync.java"));
  }

  @Test
  void generatedSourcesNeverUseReflection() throws IOException {
    JavaFileObject everything = source("Everything",
        "package test;",
        "import java.util.*;",
        "import java.util.concurrent.CompletableFuture;",
        "@dev.vireo.rpc.annotation.Remote",
        "public interface Everything {",
        "  boolean z(boolean z); byte b(byte b); short s(short s); char c(char c);",
        "  int i(int i); long j(long j); float f(float f); double d(double d);",
        "  String text(String text); int[] ints(int[] ints); Map<String, List<Long>> m(Set<Integer> s);",
        "  CompletableFuture<String> later(Object o) throws java.io.IOException;",
        "  @dev.vireo.rpc.annotation.Oneway void fire(String event);",
        "  default String local() { return text(\"local\"); }",
        "}");

    Compilation compilation = compile(everything);

    assertThat(compilation).succeeded();
    for (JavaFileObject generated : compilation.generatedSourceFiles()) {
      assertThat(generated.getCharContent(true).toString()).doesNotContain("java.lang.reflect");
      assertThat(generated.getCharContent(true).toString()).doesNotContain("Proxy");
    }
  }

  @Test
  void everyBindingIsListedForServiceLoader() throws IOException {
    JavaFileObject nested = source("Outer",
        "package test;",
        "public class Outer {",
        "  @dev.vireo.rpc.annotation.Remote",
        "  public interface Inner { String hello(); }",
        "}");

    Compilation compilation = compile(CALCULATOR, nested);

    assertThat(compilation).succeeded();
    assertThat(servicesFile(compilation))
        .isEqualTo("test.CalculatorVireo\ntest.Outer_InnerVireo\n");
  }

  @Test
  void interfacesFromLaterRoundsAndTypesNotYetGeneratedAreHandled() throws IOException {
    JavaFileObject early = source("EarlyService",
        "package test;",
        "@dev.vireo.rpc.annotation.Remote",
        "public interface EarlyService {",
        "  LateDto convert(String value);",
        "}");

    Compilation compilation =
        compile(new Processor[] {new LateSourceGenerator()}, CALCULATOR, early);

    assertThat(compilation).succeeded();
    assertThat(compilation).generatedSourceFile("test.EarlyServiceVireo")
        .contentsAsUtf8String().contains(".wireType(LateDto.class, new LateDtoCodec())");
    assertThat(compilation).generatedSourceFile("test.LateServiceVireo")
        .contentsAsUtf8String().contains("in.readObject(LateDto.class)");
    assertThat(servicesFile(compilation)).isEqualTo(
        "test.CalculatorVireo\ntest.EarlyServiceVireo\ntest.LateServiceVireo\n");
  }

  @Test
  void aSuperInterfaceOrAFieldTypeNotYetGeneratedWaitsForItsRound() throws IOException {
    JavaFileObject shop = source("Shop",
        "package test;",
        "@dev.vireo.rpc.annotation.Remote",
        "public interface Shop extends LateBase { int count(); }");
    JavaFileObject orders = source("Orders",
        "package test;",
        "@dev.vireo.rpc.annotation.Remote",
        "public interface Orders {",
        "  record Order(LateField field) {}",
        "  void place(Order order);",
        "}");

    Compilation compilation =
        compile(new Processor[] {new LateSourceGenerator()}, shop, orders);

    assertThat(compilation).succeeded();
    assertThat(generated(compilation, "test.ShopVireo")).contains("public String label() {");
    assertThat(generated(compilation, "test.OrdersVireo"))
        .contains(".wireType(LateField.class, new LateFieldCodec())");
  }

  @Test
  void eachRecordTravelsThroughACodecThatReadsItsFieldsByTag() {
    JavaFileObject shapes = source("Shapes",
        "package test;",
        "import java.util.List;",
        "@dev.vireo.rpc.annotation.Remote",
        "public interface Shapes {",
        "  record Label(String name, long id, java.time.LocalDate day, List<Integer> ids) {}",
        "  record Box<T extends Number>(T in, List<T> tag, Label label, boolean z, char c,",
        "      float f, double d, int[] values) {}",
        "  Box<Integer> grow(Box<Integer> box);",
        "}");

    Compilation compilation = compile(shapes);

    assertThat(compilation).succeededWithoutWarnings();
    String binding = generated(compilation, "test.ShapesVireo");
    assertThat(binding).contains(".wireType(Shapes.Box.class, new Shapes_BoxCodec<>())");
    assertThat(binding).contains(".wireType(Shapes.Label.class, new Shapes_LabelCodec())");
    assertThat(binding).contains("private static final class Shapes_BoxCodec<T extends Number>"
        + " implements RecordCodec<Shapes.Box<T>>");
    // the tag is the FNV-1a hash of the name, its low three bits the kind (4 string, 1 integral)
    assertThat(binding).contains("out.writeString(0x8d39bde4, value.name());");
    assertThat(binding).contains("case 0x8d39bde4 -> name = in.readString();");
    assertThat(binding).contains("case 0x37386ae1 -> id = in.readLong();");
    // a final class, and a list of one, travel without their types, which the tag hashes in:
    // day:java.time.LocalDate
    assertThat(binding).contains("out.writeObject(0xed702a46, value.day());");
    assertThat(binding).contains("case 0xed702a46 -> day = in.readObject(LocalDate.class);");
    // ids:java.util.List<java.lang.Integer>
    assertThat(binding).contains("case 0xb9e5ddb7 -> ids = in.readList(Integer.class);");
    assertThat(binding).contains("out.writeList(0xb9e5ddb7, value.ids());");
    // label:test.Shapes$Label
    assertThat(binding).contains("case 0x4c12095e -> label = in_.readObject(Shapes.Label.class);");
    // the fields in the order they are written are read one after another without a lookup
    assertThat(binding).contains("      if (tag == 0x8d39bde4) {\n"
        + "        name = in.readString();\n"
        + "        tag = in.nextField();\n"
        + "      }\n"
        + "      if (tag == 0x37386ae1) {");
    // components named like the reader and the loop's tag push those names aside
    assertThat(binding).contains("int tag_ = in_.nextField();");
    assertThat(binding).contains("for (; tag_ != RecordReader.END; tag_ = in_.nextField())");
    assertThat(binding).contains("default -> in_.skip(tag_);");
    assertThat(binding).contains("return new Shapes.Box<>(in, tag, label, z, c, f, d, values);");
  }

  @Test
  void aMethodInheritedFromTwoInterfacesReturnsTheNarrowerResultAndThrowsWhatBothAllow() {
    JavaFileObject bases = source("Bases",
        "package test;",
        "public class Bases {",
        "  public interface Store {",
        "    void flush() throws java.io.IOException;",
        "    CharSequence name() throws java.io.IOException;",
        "  }",
        "  public interface Cache {",
        "    void flush() throws IllegalStateException;",
        "    String name() throws java.io.FileNotFoundException;",
        "  }",
        "}");
    JavaFileObject service = source("Storage",
        "package test;",
        "@dev.vireo.rpc.annotation.Remote",
        "public interface Storage extends Bases.Store, Bases.Cache {}");

    Compilation compilation = compile(bases, service);

    assertThat(compilation).succeededWithoutWarnings();
    String binding = generated(compilation, "test.StorageVireo");
    assertThat(binding).contains("public void flush() throws IllegalStateException {");
    assertThat(binding).contains("public String name() throws FileNotFoundException {");
  }

  @Test
  void anEnumWithConstantBodiesFromAClassFileIsRegistered(@TempDir Path classes)
      throws IOException {
    // javac marks such an enum abstract in its class file, not while it compiles its source.
    Compilation library = javac().compile(source("Op",
        "package test;",
        "public enum Op {",
        "  PLUS { public int apply(int a, int b) { return a + b; } };",
        "  public abstract int apply(int a, int b);",
        "}"));
    assertThat(library).succeeded();
    for (JavaFileObject compiled : library.generatedFiles()) {
      Path target = classes.resolve(compiled.getName().replaceFirst("^/CLASS_OUTPUT/", ""));
      Files.createDirectories(target.getParent());
      try (InputStream bytes = compiled.openInputStream()) {
        Files.copy(bytes, target);
      }
    }
    List<File> classpath = new ArrayList<>(List.of(classes.toFile()));
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      classpath.add(new File(entry));
    }

    Compilation compilation = javac().withClasspath(classpath)
        .withProcessors(new RemoteProcessor(), new ServicesFileProcessor())
        .compile(source("Calc",
            "package test;",
            "@dev.vireo.rpc.annotation.Remote",
            "public interface Calc { int run(Op op, int a, int b); }"));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(generated(compilation, "test.CalcVireo")).contains(".wireType(Op.class)");
  }

  @Test
  void typesOfTheServicesPackageNamedLikeJavaLangClassesDoNotHideThem() {
    List<JavaFileObject> sources = new ArrayList<>();
    for (String name : List.of("Class", "String", "Object", "Override", "Exception", "Long")) {
      sources.add(source(name, "package test;", "public class " + name + " {}"));
    }
    sources.add(source("Enrollment",
        "package test;",
        "import java.util.concurrent.CompletableFuture;",
        "@dev.vireo.rpc.annotation.Remote",
        "public interface Enrollment {",
        "  java.lang.String enroll(java.lang.String student, long year);",
        "  CompletableFuture<java.lang.Long> count() throws java.io.IOException;",
        "}"));

    Compilation compilation = compile(sources.toArray(JavaFileObject[]::new));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(generated(compilation, "test.EnrollmentVireo"))
        .contains("public java.lang.Class<Enrollment> serviceInterface()");
  }

  @Test
  void aRecordWhoseFieldNestsItsOwnTypeArgumentIsWalkedOnce() {
    JavaFileObject trees = source("Trees",
        "package test;",
        "import java.util.List;",
        "@dev.vireo.rpc.annotation.Remote",
        "public interface Trees {",
        "  record Leaf(String name) {}",
        "  record Tree<T>(T value, Tree<List<T>> deeper) {}",
        "  Tree<Leaf> grow();",
        "}");

    Compilation compilation = compile(trees);

    assertThat(compilation).succeededWithoutWarnings();
    String binding = generated(compilation, "test.TreesVireo");
    assertThat(binding).contains(".wireType(Trees.Tree.class, new Trees_TreeCodec<>())");
    assertThat(binding).contains(".wireType(Trees.Leaf.class, new Trees_LeafCodec())");
  }

  @Test
  void aRecordOfMoreThanAHundredComponentsIsReadThroughTheLookupAlone() {
    // with the fields expected in order too, its read method could pass the size HotSpot compiles
    StringJoiner wide = new StringJoiner(", ", "  record Wide(", ") {}");
    StringJoiner narrow = new StringJoiner(", ", "  record Narrow(", ") {}");
    for (int i = 0; i < 101; i++) {
      wide.add("int c" + i);
      if (i < 100) {
        narrow.add("int c" + i);
      }
    }
    JavaFileObject records = source("Records",
        "package test;",
        "@dev.vireo.rpc.annotation.Remote",
        "public interface Records {",
        wide.toString(),
        narrow.toString(),
        "  Narrow both(Wide wide);",
        "}");

    Compilation compilation = compile(records);

    assertThat(compilation).succeededWithoutWarnings();
    String binding = generated(compilation, "test.RecordsVireo");
    assertThat(codec(binding, "Records_WideCodec")).doesNotContain("if (tag == ");
    assertThat(codec(binding, "Records_WideCodec")).contains("case ");
    assertThat(codec(binding, "Records_NarrowCodec")).contains("if (tag == ");
  }

  /** The text of the nested codec class {@code name} in a binding. */
  private static String codec(String binding, String name) {
    int from = binding.indexOf("class " + name + " ");
    assertThat(from).isAtLeast(0);
    int to = binding.indexOf("private static final class", from);
    return binding.substring(from, to < 0 ? binding.length() : to);
  }

  @Test
  void aRecordWhoseFieldNamesHashAlikeIsLeftToTheSerializer() {
    // f607 and f26462 have the same FNV-1a hash but for its low three bits
    JavaFileObject clash = source("Clash",
        "package test;",
        "@dev.vireo.rpc.annotation.Remote",
        "public interface Clash {",
        "  record Pair(int f607, int f26462) {}",
        "  record Dates(java.time.LocalDate f11039, java.time.LocalDate f23610) {}",
        "  record Fine(int a, int b) {}",
        "  Pair swap(Pair pair, Dates dates, Fine fine);",
        "}");

    Compilation compilation = compile(clash);

    assertThat(compilation).succeededWithoutWarnings();
    String binding = generated(compilation, "test.ClashVireo");
    assertThat(binding).contains(".wireType(Clash.Pair.class)");
    // so do these with their types: f11039:java.time.LocalDate and f23610:java.time.LocalDate
    assertThat(binding).contains(".wireType(Clash.Dates.class)");
    assertThat(binding).contains(".wireType(Clash.Fine.class, new Clash_FineCodec())");
  }

  @Test
  void onlyRecordsWithCodecsAndTheJdksFinalClassesTravelWithoutTheirTypes() {
    JavaFileObject orders = source("Orders",
        "package test;",
        "@dev.vireo.rpc.annotation.Remote",
        "public interface Orders {",
        "  final class Money { public long cents; }",
        "  record Order(Money total) {}",
        "  Order place(Order order);",
        "}");

    Compilation compilation = compile(orders);

    assertThat(compilation).succeededWithoutWarnings();
    // a user's final class keeps its type, and with it Fory's description of its fields: kind 5
    assertThat(generated(compilation, "test.OrdersVireo"))
        .contains("out.writeObject(0x04d092fd, value.total());");
  }

  @Test
  void aClassWhoseSimpleNameIsTakenOrHiddenIsWrittenInFull() {
    JavaFileObject otherList = JavaFileObjects.forSourceLines("other.List",
        "package other;",
        "public record List(String name) {}");
    JavaFileObject otherDispatcher = JavaFileObjects.forSourceLines("other.Dispatcher",
        "package other;",
        "public record Dispatcher(int id) {}");
    JavaFileObject catalog = source("Catalog",
        "package test;",
        "@dev.vireo.rpc.annotation.Remote",
        "public interface Catalog {",
        "  record Override(String text) {}",
        "  java.util.List<String> names(other.List list);",
        "  other.Dispatcher route(other.Dispatcher dispatcher);",
        "  Override note(Override note);",
        "  int count(String... words);",
        "}");

    Compilation compilation = compile(otherList, otherDispatcher, catalog);

    assertThat(compilation).succeededWithoutWarnings();
    String binding = generated(compilation, "test.CatalogVireo");
    assertThat(binding).contains("import java.util.List;");
    assertThat(binding).contains("public List<String> names(other.List list)");
    assertThat(binding).contains("public Dispatcher route(Dispatcher dispatcher)");
    assertThat(binding).contains("private static final class Dispatcher_ implements");
    assertThat(binding).contains("@java.lang.Override");
    assertThat(binding).contains("public Catalog.Override note(Catalog.Override note)");
    assertThat(binding).contains("public int count(String... words)");
  }

  @Test
  void aMethodRedeclaredOverAnInheritedDefaultIsRemote() {
    JavaFileObject named = source("Named",
        "package test;",
        "public interface Named { default String name() { return \"n\"; } }");
    JavaFileObject users = source("Users",
        "package test;",
        "@dev.vireo.rpc.annotation.Remote",
        "public interface Users extends Named {",
        "  String name();",
        "  int count();",
        "}");

    Compilation compilation = compile(named, users);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(generated(compilation, "test.UsersVireo")).contains("public String name()");
  }

  @Test
  void aServiceInTheUnnamedPackageMayBeNamedLikeAGeneratedNestedClass() {
    JavaFileObject dispatcher = JavaFileObjects.forSourceLines("Dispatcher",
        "@dev.vireo.rpc.annotation.Remote",
        "public interface Dispatcher { void run(); }");

    Compilation compilation = compile(dispatcher);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(generated(compilation, "DispatcherVireo"))
        .contains("private static final class Dispatcher_ implements ServiceDispatcher");
  }

  @Test
  void aTypeArgumentOfASuperInterfaceGeneratedLaterIsWaitedFor() {
    JavaFileObject crud = source("Crud",
        "package test;",
        "public interface Crud<T> { void save(T item); }");
    JavaFileObject late = source("LateStore",
        "package test;",
        "@dev.vireo.rpc.annotation.Remote",
        "public interface LateStore extends Crud<LateDto> {}");

    Compilation compilation =
        compile(new Processor[] {new LateSourceGenerator()}, crud, late);

    assertThat(compilation).succeeded();
    assertThat(generated(compilation, "test.LateStoreVireo"))
        .contains("public void save(LateDto item)");
  }

  @Test
  void constantsAndParametersNamedLikeGeneratedConstantsHideNothing() {
    JavaFileObject users = source("Users",
        "package test;",
        "import java.util.concurrent.CompletableFuture;",
        "@dev.vireo.rpc.annotation.Remote",
        "public interface Users {",
        "  String GET_USER = \"users.get\";",
        "  String getUser(long id);",
        "  CompletableFuture<String> find(String FIND_RESULT, String FIND_REPLY);",
        "}");

    Compilation compilation = compile(users);

    assertThat(compilation).succeededWithoutWarnings();
    String binding = generated(compilation, "test.UsersVireo");
    assertThat(binding).contains("newCall(UsersVireo.GET_USER)");
    assertThat(binding).contains("invokeAsync(UsersVireo.FIND_RESULT)");
    assertThat(binding).contains("UsersVireo.FIND_REPLY);");
  }

  @Test
  void typeUseAnnotationsAreLeftOutOfTheGeneratedSignatures() {
    JavaFileObject positive = source("Positive",
        "package test;",
        "@java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE_USE)",
        "public @interface Positive {}");
    JavaFileObject counter = source("Counter",
        "package test;",
        "@dev.vireo.rpc.annotation.Remote",
        "public interface Counter {",
        "  @Positive int add(@Positive int amount, @Positive String reason);",
        "}");

    Compilation compilation = compile(positive, counter);

    assertThat(compilation).succeededWithoutWarnings();
    String binding = generated(compilation, "test.CounterVireo");
    assertThat(binding).contains("public int add(int amount, String reason)");
    assertThat(binding).contains("out.writeString(reason);");
  }

  @Test
  void aServiceNameIsWrittenAsAJavaStringLiteral() {
    Compilation compilation = compile(source("Quoted",
        "package test;",
        "@dev.vireo.rpc.annotation.Remote(\"say \\\"hi\\\" \\\\ bye\")",
        "public interface Quoted { void ping(); }"));

    assertThat(compilation).succeeded();
    assertThat(generated(compilation, "test.QuotedVireo"))
        .contains("SERVICE_NAME = \"say \\\"hi\\\" \\\\ bye\";");
  }

  @Test
  void methodIdsDoNotDependOnDeclarationOrder() {
    Compilation first = compile(source("Service",
        "package test;",
        "@dev.vireo.rpc.annotation.Remote(\"svc\")",
        "public interface Service { int a(int x); String b(String y); }"));
    Compilation reordered = compile(source("Service",
        "package test;",
        "@dev.vireo.rpc.annotation.Remote(\"svc\")",
        "public interface Service { String b(String y); void added(); int a(int x); }"));

    for (String constant : new String[] {
        "public static final int A_ID = 0x", "public static final int B_ID = 0x"}) {
      assertThat(lineWith(first, constant)).isEqualTo(lineWith(reordered, constant));
    }
  }

  private static String lineWith(Compilation compilation, String prefix) {
    return generated(compilation, "test.ServiceVireo").lines()
        .filter(l -> l.contains(prefix)).findFirst().orElseThrow();
  }

  private static String generated(Compilation compilation, String type) {
    try {
      return compilation.generatedSourceFile(type).orElseThrow().getCharContent(true).toString();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String servicesFile(Compilation compilation) throws IOException {
    return compilation.generatedFile(StandardLocation.CLASS_OUTPUT,
            ServicesFileProcessor.SERVICES_FILE)
        .orElseThrow().getCharContent(true).toString();
  }
}
