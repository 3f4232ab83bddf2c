package dev.vireo.rpc.it.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** What users may see: the packages of the public API, and what their signatures may name. */
final class ApiRules {
  /** The packages users import; everything under {@code dev.vireo.rpc.internal} is not. */
  static final Set<String> API_PACKAGES = Set.of("dev.vireo.rpc", "dev.vireo.rpc.annotation",
      "dev.vireo.rpc.stub", "dev.vireo.rpc.registry", "dev.vireo.rpc.registry.zookeeper");

  private ApiRules() {}

  static DescribedPredicate<JavaClass> publicApi() {
    return describe("public types of the API packages " + API_PACKAGES,
        c -> API_PACKAGES.contains(c.getPackageName()) && isVisible(c));
  }

  /**
   * A type, its public and protected members, and its supertypes name no internal type: not as a
   * parameter, result, thrown exception, field type, type argument or bound.
   */
  static ArchCondition<JavaClass> exposeNoInternalType() {
    return new ArchCondition<>("expose no type of dev.vireo.rpc.internal in a signature") {
      @Override
      public void check(JavaClass type, ConditionEvents events) {
        List<JavaType> supertypes = new ArrayList<>(type.getInterfaces());
        type.getSuperclass().ifPresent(supertypes::add);
        supertypes.forEach(s -> report(type, type.getName() + " extends " + s.getName(),
            s, events));
        for (JavaMember member : type.getMembers()) {
          if (!isVisible(member) || !isVisible(type)) {
            continue;
          }
          if (member instanceof JavaField field) {
            report(type, field.getFullName(), field.getType(), events);
          } else if (member instanceof JavaCodeUnit code) {
            report(type, code.getFullName(), code.getReturnType(), events);
            code.getParameterTypes().forEach(p -> report(type, code.getFullName(), p, events));
            code.getThrowsClause().getTypes()
                .forEach(t -> report(type, code.getFullName(), t, events));
          }
        }
      }
    };
  }

  private static void report(JavaClass owner, String where, JavaType type,
      ConditionEvents events) {
    for (JavaClass involved : type.getAllInvolvedRawTypes()) {
      if (involved.getPackageName().startsWith("dev.vireo.rpc.internal")) {
        events.add(SimpleConditionEvent.violated(owner,
            where + " exposes the internal type " + involved.getName()));
      }
    }
  }

  private static boolean isVisible(JavaClass type) {
    return type.getModifiers().contains(JavaModifier.PUBLIC);
  }

  private static boolean isVisible(JavaMember member) {
    return member.getModifiers().contains(JavaModifier.PUBLIC)
        || member.getModifiers().contains(JavaModifier.PROTECTED);
  }
}
