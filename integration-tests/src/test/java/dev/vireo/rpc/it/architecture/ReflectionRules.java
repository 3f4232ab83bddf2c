package dev.vireo.rpc.it.architecture;

import static com.tngtech.archunit.core.domain.JavaAccess.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.conditions.ArchConditions;

/**
 * The call path binds calls without reflection: no {@code java.lang.reflect} (so no dynamic
 * proxies and no {@code Method.invoke}), no method handles, and no class or member looked up by
 * name.
 */
final class ReflectionRules {
  private static final String LOOKUPS = "forName|getMethods?|getDeclaredMethods?|getConstructors?"
      + "|getDeclaredConstructors?|getFields?|getDeclaredFields?|newInstance";

  private ReflectionRules() {}

  static ArchCondition<JavaClass> useReflection() {
    return ArchConditions.<JavaClass>dependOnClassesThat(
            resideInAnyPackage("java.lang.reflect..", "java.lang.invoke.."))
        .or(ArchConditions.callMethodWhere(
            target(owner(equivalentTo(Class.class))).and(target(nameMatching(LOOKUPS)))))
        .as("use reflection, method handles or look-ups by name");
  }
}
