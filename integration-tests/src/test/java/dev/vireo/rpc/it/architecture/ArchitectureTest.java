package dev.vireo.rpc.it.architecture;

import static com.google.common.truth.Truth.assertThat;
import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.vireo.rpc.RpcServer;
import dev.vireo.rpc.it.architecture.fixtures.LeakyApi;
import dev.vireo.rpc.it.architecture.fixtures.ReflectiveCallPath;
import dev.vireo.rpc.it.services.UserService;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules the code base keeps, checked on compiled classes: the runtime's and the ZooKeeper
 * registry's jars, and the code the processor generated for this module's services. Each rule is also shown to catch a class that
 * breaks it.
 */
class ArchitectureTest {
  private static JavaClasses runtime;
  private static JavaClasses generated;

  @BeforeAll
  static void importClasses() {
    runtime = new ClassFileImporter()
        .withImportOption(location -> location.contains("rpc-runtime")
            || location.contains("rpc-registry-zookeeper"))
        .importPackagesOf(RpcServer.class);
    generated = new ClassFileImporter().importPackagesOf(UserService.class)
        .that(describe("generated bindings", c -> c.getSimpleName().endsWith("Vireo")));
    assertThat(generated.size()).isAtLeast(5);
    assertThat(runtime.containPackage("dev.vireo.rpc.internal.processor")).isTrue();
    assertThat(runtime.containPackage("dev.vireo.rpc.registry.zookeeper")).isTrue();
    assertThat(runtime.containPackage("dev.vireo.rpc.it")).isFalse();
  }

  @Test
  void thePublicApiExposesNoInternalType() {
    classes().that(ApiRules.publicApi()).should(ApiRules.exposeNoInternalType()).check(runtime);

    assertThat(violations(classes().should(ApiRules.exposeNoInternalType()), LeakyApi.class))
        .isNotEmpty();
  }

  @Test
  void theCallPathUsesNoReflection() {
    ArchRule rule = noClasses().should(ReflectionRules.useReflection());

    rule.check(runtime);
    rule.check(generated);
    assertThat(violations(rule, ReflectiveCallPath.class)).isNotEmpty();
  }

  @Test
  void theSeamForGeneratedCodeStandsAlone() {
    noClasses().that().resideInAPackage("dev.vireo.rpc.stub..")
        .should().dependOnClassesThat().resideInAPackage("dev.vireo.rpc.internal..")
        .check(runtime);
  }

  @Test
  void generatedCodeUsesOnlyTheSeam() {
    noClasses().should().dependOnClassesThat().resideInAPackage("dev.vireo.rpc.internal..")
        .check(generated);
  }

  @Test
  void theWireFormatKnowsNothingOfConnectionsOrCalls() {
    noClasses().that().resideInAnyPackage(internal("protocol"), internal("serialization"))
        .should().dependOnClassesThat().resideInAnyPackage(internal("acceptor"),
            internal("connector"), internal("transport"), internal("processor"),
            internal("invoker"), internal("cluster"), internal("inprocess"))
        .check(runtime);
  }

  @Test
  void theClientAndTheServerSidesAreApart() {
    noClasses().that().resideInAnyPackage(internal("invoker"), internal("cluster"),
            internal("connector"), internal("channel"))
        .should().dependOnClassesThat().resideInAnyPackage(internal("acceptor"),
            internal("processor"))
        .check(runtime);
    noClasses().that().resideInAnyPackage(internal("acceptor"), internal("processor"))
        .should().dependOnClassesThat().resideInAnyPackage(internal("invoker"),
            internal("cluster"), internal("connector"), internal("channel"))
        .check(runtime);
  }

  @Test
  void theInvokerAndTheProcessorDoNotTouchTheNetwork() {
    noClasses().that().resideInAnyPackage(internal("invoker"), internal("processor"))
        .should().dependOnClassesThat().resideInAnyPackage(internal("transport"),
            internal("connector"), internal("inprocess"), "io.netty.channel..")
        .check(runtime);
  }

  @Test
  void onlyTheEntryPointsAssembleTheParts() {
    noClasses().that().resideInAPackage("dev.vireo.rpc.internal..")
        .should().dependOnClassesThat(entryPoints())
        .check(runtime);
  }

  private static DescribedPredicate<JavaClass> entryPoints() {
    return describe("RpcServer or RpcClient", c -> c.getPackageName().equals("dev.vireo.rpc")
        && (c.getSimpleName().startsWith("RpcServer") || c.getSimpleName().startsWith("RpcClient")));
  }

  private static String internal(String part) {
    return "dev.vireo.rpc.internal." + part + "..";
  }

  private static List<String> violations(ArchRule rule, Class<?> fixture) {
    EvaluationResult result = rule.evaluate(new ClassFileImporter().importClasses(fixture));
    return result.getFailureReport().getDetails();
  }
}
