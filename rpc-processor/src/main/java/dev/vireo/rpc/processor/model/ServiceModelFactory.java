package dev.vireo.rpc.processor.model;

import dev.vireo.rpc.annotation.Idempotent;
import dev.vireo.rpc.annotation.Oneway;
import dev.vireo.rpc.annotation.Remote;
import dev.vireo.rpc.annotation.Timeout;
import dev.vireo.rpc.processor.model.MethodModel.ReturnKind;
import dev.vireo.rpc.processor.model.ThrownType.Rebuild;
import dev.vireo.rpc.processor.validation.Message;
import dev.vireo.rpc.processor.validation.Report;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Builds the {@link ServiceModel} of a {@code @Remote} interface: its abstract methods and those
 * it inherits (in a deterministic order, generics resolved, diamond duplicates merged), their wire
 * ids, and the types they carry. Default, static and {@code Object} methods are not remote.
 */
public final class ServiceModelFactory {
  private static final String COMPLETABLE_FUTURE = "java.util.concurrent.CompletableFuture";

  private final Types types;
  private final Elements elements;
  private final TravelRules travelRules;

  /** A factory for one processing round: it keeps what it learns about the round's types. */
  public ServiceModelFactory(Types types, Elements elements) {
    this.types = types;
    this.elements = elements;
    this.travelRules = new TravelRules(types, elements);
  }

  /**
   * The abstract methods of {@code service} that are remote: those of its super-interfaces first,
   * each interface's in declaration order, then its own; a method that an interface further down
   * overrides (re-declares, or implements with a default method) is left out.
   */
  public List<ExecutableElement> remoteMethods(TypeElement service) {
    Set<ExecutableElement> collected = new LinkedHashSet<>();
    collectMethods(service, collected);
    List<ExecutableElement> declared = new ArrayList<>(collected);
    List<ExecutableElement> methods = new ArrayList<>();
    for (int i = 0; i < declared.size(); i++) {
      ExecutableElement method = declared.get(i);
      if (method.getModifiers().contains(Modifier.ABSTRACT)
          && !overriddenLater(method, declared.subList(i + 1, declared.size()), service)
          && !overridesObjectMethod(method)) {
        methods.add(method);
      }
    }
    return methods;
  }

  private static void collectMethods(TypeElement type, Set<ExecutableElement> methods) {
    for (TypeMirror parent : type.getInterfaces()) {
      collectMethods(asTypeElement(parent), methods);
    }
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (!method.getModifiers().contains(Modifier.STATIC)
          && !method.getModifiers().contains(Modifier.PRIVATE)) {
        methods.add(method);
      }
    }
  }

  /**
   * Whether a method of a sub-interface of {@code method}'s, collected after it, overrides it. Only
   * a sub-interface's method counts: javac also lets a default method inherited from elsewhere
   * implement an abstract one, which leaves the re-declaration in the service abstract.
   */
  private boolean overriddenLater(ExecutableElement method, List<ExecutableElement> later,
      TypeElement service) {
    TypeElement owner = (TypeElement) method.getEnclosingElement();
    for (ExecutableElement other : later) {
      TypeElement otherOwner = (TypeElement) other.getEnclosingElement();
      if (other.getSimpleName().contentEquals(method.getSimpleName())
          && !otherOwner.equals(owner)
          && types.isSubtype(types.erasure(otherOwner.asType()), types.erasure(owner.asType()))
          && elements.overrides(other, method, service)) {
        return true;
      }
    }
    return false;
  }

  private static TypeElement asTypeElement(TypeMirror type) {
    return (TypeElement) ((DeclaredType) type).asElement();
  }

  /** Models {@code service}, reporting types that cannot travel into {@code report}. */
  public ServiceModel create(TypeElement service, Report report) {
    DeclaredType serviceType = (DeclaredType) service.asType();
    String packageName = elements.getPackageOf(service).getQualifiedName().toString();
    WireTypeCollector wireTypes = new WireTypeCollector(types, elements, travelRules, report,
        packageName);
    List<Resolved> resolvedMethods = resolveDistinct(service, remoteMethods(service), report);
    Map<String, Integer> overloads = new HashMap<>();
    resolvedMethods.forEach(r -> overloads.merge(r.method().getSimpleName().toString(), 1,
        Integer::sum));
    ConstantNames constantNames = new ConstantNames();

    List<MethodModel> methods = new ArrayList<>();
    for (Resolved each : resolvedMethods) {
      ExecutableElement method = each.method();
      ExecutableType resolved = each.type();
      String signature = each.signature();
      List<ParameterModel> parameters = new ArrayList<>();
      for (int i = 0; i < method.getParameters().size(); i++) {
        VariableElement parameter = method.getParameters().get(i);
        parameters.add(new ParameterModel(parameter, parameter.getSimpleName().toString(),
            resolved.getParameterTypes().get(i)));
      }
      String name = method.getSimpleName().toString();
      Element reportOn = reportTarget(service, method);

      TypeMirror returnType = each.returnType();
      ReturnKind returnKind = returnKind(returnType);
      TypeMirror resultType = returnType;
      if (returnKind == ReturnKind.FUTURE) {
        List<? extends TypeMirror> arguments = ((DeclaredType) returnType).getTypeArguments();
        resultType = arguments.isEmpty()
            ? elements.getTypeElement("java.lang.Object").asType()
            : arguments.get(0);
      }

      for (ParameterModel parameter : parameters) {
        Element target = method.getEnclosingElement().equals(service)
            ? parameter.element()
            : reportOn;
        wireTypes.collect(parameter.type(), "parameter '" + parameter.name() + "'", signature,
            target);
      }
      wireTypes.collect(resultType, "the result", signature, reportOn);

      Timeout timeout = method.getAnnotation(Timeout.class);
      methods.add(new MethodModel(
          method,
          name,
          signature,
          MethodIds.of(signature),
          constantNames.prefixFor(name, overloads.get(name) > 1 ? overloadSuffix(resolved) : null),
          parameters,
          returnKind,
          returnType,
          resultType,
          thrownTypes(each.thrown()),
          method.getAnnotation(Oneway.class) != null,
          method.getAnnotation(Idempotent.class) != null,
          timeout == null ? 0 : timeout.millis()));
    }

    return new ServiceModel(
        service,
        serviceName(service),
        ClassName.of(service),
        GeneratedNames.binding(service),
        GeneratedNames.async(service),
        methods,
        wireTypes.wireTypes(),
        new RecordModels(elements).of(wireTypes.wireTypes()),
        wireTypes.unresolved());
  }

  /**
   * The element a diagnostic about {@code method} is attached to: the method itself when the
   * service declares it, otherwise the service, since an inherited method may live in another
   * compilation unit or a class file.
   */
  public static Element reportTarget(TypeElement service, ExecutableElement method) {
    return method.getEnclosingElement().equals(service) ? method : service;
  }

  public static String serviceName(TypeElement service) {
    String name = service.getAnnotation(Remote.class).value().strip();
    return name.isEmpty() ? service.getQualifiedName().toString() : name;
  }

  private ReturnKind returnKind(TypeMirror returnType) {
    if (returnType.getKind() == TypeKind.VOID) {
      return ReturnKind.VOID;
    }
    if (returnType.getKind() == TypeKind.DECLARED
        && asTypeElement(returnType).getQualifiedName().contentEquals(COMPLETABLE_FUTURE)) {
      return ReturnKind.FUTURE;
    }
    return ReturnKind.VALUE;
  }

  private List<ThrownType> thrownTypes(List<? extends TypeMirror> thrown) {
    List<TypeMirror> sorted = new ArrayList<>(thrown);
    // Most specific first: the server reports the first declared type the exception is one of.
    sorted.sort(Comparator.comparingInt(this::depth).reversed());
    List<ThrownType> result = new ArrayList<>();
    for (TypeMirror type : sorted) {
      // A method's type variable (throws X) has no class to rebuild; generic-method reports it.
      if (type.getKind() == TypeKind.DECLARED) {
        result.add(new ThrownType(type, rebuild(asTypeElement(type))));
      }
    }
    return result;
  }

  private int depth(TypeMirror type) {
    int depth = 0;
    for (TypeMirror t = type; t.getKind() == TypeKind.DECLARED;
        t = asTypeElement(t).getSuperclass()) {
      depth++;
    }
    return depth;
  }

  private Rebuild rebuild(TypeElement exception) {
    if (!exception.getModifiers().contains(Modifier.PUBLIC)
        || exception.getModifiers().contains(Modifier.ABSTRACT)) {
      return Rebuild.NOT_POSSIBLE;
    }
    Rebuild found = Rebuild.NOT_POSSIBLE;
    for (ExecutableElement constructor :
        ElementFilter.constructorsIn(exception.getEnclosedElements())) {
      if (!constructor.getModifiers().contains(Modifier.PUBLIC)) {
        continue;
      }
      List<? extends VariableElement> parameters = constructor.getParameters();
      if (parameters.size() == 1
          && types.isSameType(
              parameters.get(0).asType(), elements.getTypeElement("java.lang.String").asType())) {
        return Rebuild.MESSAGE_CONSTRUCTOR;
      }
      if (parameters.isEmpty()) {
        found = Rebuild.NO_ARG_CONSTRUCTOR;
      }
    }
    return found;
  }

  /**
   * One remote method: {@code method} is its first declaration, whose annotations it has; its
   * result and exceptions are those the service's method has when it inherits several.
   */
  private record Resolved(ExecutableElement method, ExecutableType type, String signature,
      TypeMirror returnType, List<TypeMirror> thrown) {}

  /**
   * Resolves each method as a member of the service and makes one remote method of each
   * signature: the same method inherited along two paths (a diamond), or declared by two
   * interfaces the service extends. Of the latter, the service's method returns the most specific
   * of their results and throws only what each of them allows; they must agree on {@code
   * @Oneway}, {@code @Idempotent} and {@code @Timeout}.
   */
  private List<Resolved> resolveDistinct(TypeElement service, List<ExecutableElement> methods,
      Report report) {
    DeclaredType serviceType = (DeclaredType) service.asType();
    Map<String, List<ExecutableElement>> bySignature = new LinkedHashMap<>();
    Map<ExecutableElement, ExecutableType> resolvedTypes = new HashMap<>();
    for (ExecutableElement method : methods) {
      ExecutableType resolved = (ExecutableType) types.asMemberOf(serviceType, method);
      resolvedTypes.put(method, resolved);
      List<String> erased = new ArrayList<>();
      for (TypeMirror parameter : resolved.getParameterTypes()) {
        erased.add(types.erasure(parameter).toString());
      }
      String signature = method.getSimpleName() + "(" + String.join(",", erased) + ")";
      bySignature.computeIfAbsent(signature, s -> new ArrayList<>()).add(method);
    }
    List<Resolved> distinct = new ArrayList<>();
    bySignature.forEach((signature, copies) -> {
      ExecutableElement first = copies.get(0);
      List<ExecutableType> copyTypes = copies.stream().map(resolvedTypes::get).toList();
      for (ExecutableElement other : copies.subList(1, copies.size())) {
        String disagreement = disagreement(first, other);
        if (disagreement != null) {
          report.add(Message.INHERITED_CONFLICT, service, signature,
              ((TypeElement) first.getEnclosingElement()).getQualifiedName(),
              ((TypeElement) other.getEnclosingElement()).getQualifiedName(), disagreement,
              service.getSimpleName());
        }
      }
      distinct.add(new Resolved(first, copyTypes.get(0), signature, mostSpecificResult(copyTypes),
          thrownByAll(copyTypes)));
    });
    return distinct;
  }

  /** The annotation {@code one} and {@code other} disagree on, or null. */
  private static String disagreement(ExecutableElement one, ExecutableElement other) {
    if ((one.getAnnotation(Oneway.class) == null) != (other.getAnnotation(Oneway.class) == null)) {
      return "@Oneway";
    }
    if ((one.getAnnotation(Idempotent.class) == null)
        != (other.getAnnotation(Idempotent.class) == null)) {
      return "@Idempotent";
    }
    Timeout oneTimeout = one.getAnnotation(Timeout.class);
    Timeout otherTimeout = other.getAnnotation(Timeout.class);
    long oneMillis = oneTimeout == null ? 0 : oneTimeout.millis();
    long otherMillis = otherTimeout == null ? 0 : otherTimeout.millis();
    return oneMillis == otherMillis ? null : "@Timeout";
  }

  /** The result that is a subtype of all the others, as the service's own method has. */
  private TypeMirror mostSpecificResult(List<ExecutableType> copies) {
    for (ExecutableType candidate : copies) {
      TypeMirror result = candidate.getReturnType();
      if (copies.stream().allMatch(other -> types.isSubtype(result, other.getReturnType()))) {
        return result;
      }
    }
    return copies.get(0).getReturnType();
  }

  /**
   * The exceptions a method implementing every copy may declare: the unchecked ones any copy
   * declares, and each checked one that every copy allows (declares it or a supertype of it).
   */
  private List<TypeMirror> thrownByAll(List<ExecutableType> copies) {
    TypeMirror unchecked = elements.getTypeElement("java.lang.RuntimeException").asType();
    TypeMirror error = elements.getTypeElement("java.lang.Error").asType();
    List<TypeMirror> allowed = new ArrayList<>();
    for (ExecutableType copy : copies) {
      for (TypeMirror thrown : copy.getThrownTypes()) {
        boolean everywhere = types.isSubtype(thrown, unchecked) || types.isSubtype(thrown, error)
            || copies.stream().allMatch(other -> other.getThrownTypes().stream()
                .anyMatch(declared -> types.isSubtype(thrown, declared)));
        if (everywhere && allowed.stream().noneMatch(seen -> types.isSameType(seen, thrown))) {
          allowed.add(thrown);
        }
      }
    }
    return allowed;
  }

  private String overloadSuffix(ExecutableType method) {
    if (method.getParameterTypes().isEmpty()) {
      return "NO_ARGS";
    }
    List<String> parts = new ArrayList<>();
    for (TypeMirror parameter : method.getParameterTypes()) {
      parts.add(ConstantNames.upperSnake(simpleName(types.erasure(parameter))));
    }
    return String.join("_", parts);
  }

  private static String simpleName(TypeMirror erased) {
    return switch (erased.getKind()) {
      case DECLARED -> asTypeElement(erased).getSimpleName().toString();
      case ARRAY -> simpleName(((ArrayType) erased).getComponentType()) + "[]";
      default -> erased.toString();
    };
  }

  private boolean overridesObjectMethod(ExecutableElement method) {
    TypeElement object = elements.getTypeElement("java.lang.Object");
    for (ExecutableElement objectMethod : ElementFilter.methodsIn(object.getEnclosedElements())) {
      if (objectMethod.getSimpleName().contentEquals(method.getSimpleName())
          && objectMethod.getModifiers().contains(Modifier.PUBLIC)
          && elements.overrides(method, objectMethod, (TypeElement) method.getEnclosingElement())) {
        return true;
      }
    }
    return false;
  }
}
