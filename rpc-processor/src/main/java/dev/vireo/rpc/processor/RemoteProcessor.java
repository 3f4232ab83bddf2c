package dev.vireo.rpc.processor;

import com.google.auto.service.AutoService;
import dev.vireo.rpc.annotation.Remote;
import dev.vireo.rpc.processor.codegen.AsyncInterfaceGenerator;
import dev.vireo.rpc.processor.codegen.BindingGenerator;
import dev.vireo.rpc.processor.codegen.GeneratedAnnotation;
import dev.vireo.rpc.processor.model.ServiceModel;
import dev.vireo.rpc.processor.model.ServiceModelFactory;
import dev.vireo.rpc.processor.validation.Message;
import dev.vireo.rpc.processor.validation.Report;
import dev.vireo.rpc.processor.validation.ServiceValidator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;

/**
 * Reads each {@code @Remote} interface, validates it, and only if it is clean writes {@code
 * XVireo} (the stubs, the dispatcher, the descriptors) and {@code XAsync}. An interface that
 * mentions types not generated yet is deferred to the next round. The processor never claims the
 * annotation and never lets an exception reach javac.
 */
@AutoService(Processor.class)
@SupportedAnnotationTypes(RemoteProcessor.REMOTE)
public final class RemoteProcessor extends AbstractProcessor {
  static final String REMOTE = "dev.vireo.rpc.annotation.Remote";

  private final Set<String> deferred = new LinkedHashSet<>();
  private final Set<String> userTypeNames = new HashSet<>();
  private final Set<String> generatedTypeNames = new HashSet<>();
  private ServiceModelFactory factory;
  private ServiceValidator validator;
  private BindingGenerator bindingGenerator;
  private AsyncInterfaceGenerator asyncGenerator;

  @Override
  public synchronized void init(ProcessingEnvironment processingEnv) {
    super.init(processingEnv);
    validator = new ServiceValidator();
    GeneratedAnnotation generated =
        new GeneratedAnnotation(processingEnv.getElementUtils(), getClass().getName());
    bindingGenerator = new BindingGenerator(processingEnv.getTypeUtils(), generated);
    asyncGenerator = new AsyncInterfaceGenerator(generated);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    factory = new ServiceModelFactory(processingEnv.getTypeUtils(), processingEnv.getElementUtils());
    rememberUserTypes(round.getRootElements());
    List<Element> work = new ArrayList<>();
    for (String name : deferred) {
      TypeElement element = processingEnv.getElementUtils().getTypeElement(name);
      if (element != null) {
        work.add(element);
      }
    }
    deferred.clear();
    work.addAll(round.getElementsAnnotatedWith(Remote.class));
    for (Element element : work) {
      try {
        processService(element, round.processingOver());
      } catch (RuntimeException | Error e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        messager().printMessage(Diagnostic.Kind.ERROR,
            Message.PROCESSOR_FAILURE.format(element, trace), element);
      }
    }
    return false;
  }

  private void processService(Element element, boolean lastRound) {
    Report report = new Report();
    if (!validator.validateType(element, report)) {
      report.printTo(messager());
      return;
    }
    TypeElement service = (TypeElement) element;
    TypeMirror unknownSupertype = firstUnresolvedSupertype(service);
    if (unknownSupertype != null) {
      deferOrReport(service, lastRound, report, service, "@Remote interface "
          + service.getQualifiedName(), unknownSupertype.toString());
      return;
    }
    ExecutableElement unresolved = firstUnresolvedMethod(service);
    if (unresolved != null) {
      deferOrReport(service, lastRound, report, ServiceModelFactory.reportTarget(service,
          unresolved), "Remote method " + unresolved.getSimpleName(), "in its signature");
      return;
    }
    ServiceModel model = factory.create(service, report);
    if (model.unresolvedType() != null) {
      deferOrReport(service, lastRound, report, service, "@Remote interface "
          + service.getQualifiedName(), model.unresolvedType());
      return;
    }
    validator.validate(model, userTypeNames, report);
    report.printTo(messager());
    if (report.hasErrors()) {
      return;
    }
    try {
      bindingGenerator.generate(model).writeTo(processingEnv.getFiler());
      asyncGenerator.generate(model).writeTo(processingEnv.getFiler());
      generatedTypeNames.add(model.bindingName().canonicalName());
      generatedTypeNames.add(model.asyncName().canonicalName());
    } catch (IOException e) {
      messager().printMessage(Diagnostic.Kind.ERROR,
          Message.PROCESSOR_FAILURE.format(service, "could not write generated source: " + e),
          service);
    }
  }

  /**
   * Waits for a later round, where another processor may have written the type {@code service}
   * needs (what was reported so far is dropped: the next round models it again); in the last
   * one, reports it on {@code target}.
   */
  private void deferOrReport(TypeElement service, boolean lastRound, Report report,
      Element target, String what, String unresolved) {
    if (!lastRound) {
      deferred.add(service.getQualifiedName().toString());
      return;
    }
    report.add(Message.UNRESOLVED_TYPE, target, what, unresolved);
    report.printTo(messager());
  }

  /** A super-interface of {@code type}'s, at any depth, that does not exist yet; or null. */
  private static TypeMirror firstUnresolvedSupertype(TypeElement type) {
    for (TypeMirror parent : type.getInterfaces()) {
      if (parent.getKind() == TypeKind.ERROR) {
        return parent;
      }
      TypeMirror deeper =
          firstUnresolvedSupertype((TypeElement) ((DeclaredType) parent).asElement());
      if (deeper != null) {
        return deeper;
      }
    }
    return null;
  }

  /**
   * The first method that mentions a type not known yet, as declared or as a member of the service
   * (a super-interface's type argument may be the unknown one).
   */
  private ExecutableElement firstUnresolvedMethod(TypeElement service) {
    DeclaredType serviceType = (DeclaredType) service.asType();
    for (ExecutableElement method : factory.remoteMethods(service)) {
      ExecutableType resolved =
          (ExecutableType) processingEnv.getTypeUtils().asMemberOf(serviceType, method);
      List<TypeMirror> mentioned = new ArrayList<>(method.getThrownTypes());
      mentioned.add(method.getReturnType());
      method.getParameters().forEach(p -> mentioned.add(p.asType()));
      mentioned.addAll(resolved.getThrownTypes());
      mentioned.add(resolved.getReturnType());
      mentioned.addAll(resolved.getParameterTypes());
      for (TypeMirror type : mentioned) {
        if (isUnresolved(type)) {
          return method;
        }
      }
    }
    return null;
  }

  private static boolean isUnresolved(TypeMirror type) {
    if (type == null) {
      return false;
    }
    return switch (type.getKind()) {
      case ERROR -> true;
      case ARRAY -> isUnresolved(((ArrayType) type).getComponentType());
      case DECLARED -> ((DeclaredType) type).getTypeArguments().stream()
          .anyMatch(RemoteProcessor::isUnresolved);
      case WILDCARD -> isUnresolved(((WildcardType) type).getExtendsBound())
          || isUnresolved(((WildcardType) type).getSuperBound());
      default -> type.getKind() == TypeKind.ERROR;
    };
  }

  /** Types the user wrote, to detect a clash with a name Vireo would generate. */
  private void rememberUserTypes(Set<? extends Element> roots) {
    for (TypeElement type : ElementFilter.typesIn(roots)) {
      rememberWithNested(type);
    }
  }

  private void rememberWithNested(TypeElement type) {
    String name = type.getQualifiedName().toString();
    if (!generatedTypeNames.contains(name)) {
      userTypeNames.add(name);
    }
    for (TypeElement nested : ElementFilter.typesIn(type.getEnclosedElements())) {
      rememberWithNested(nested);
    }
  }

  private Messager messager() {
    return processingEnv.getMessager();
  }
}
