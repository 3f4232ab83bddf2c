package dev.vireo.rpc.processor.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;

/**
 * Picks the records among a service's wire types that get a codec, and the tag of each of their
 * fields: the hash of the component's name, or for a component written without its type (see
 * {@link #isExact}), of its name and that class's binary name ({@code
 * birthday:java.time.LocalDate}), and for a list of such a class, of its name and the list's type
 * ({@code permissions:java.util.List<java.lang.Integer>}), so that a peer whose component has
 * another class skips it. A record is left to the serializer's own handling when one of its
 * components' types is not public, or when two of its fields' tags would be the same.
 */
final class RecordModels {
  private static final int KIND_BITS = 7;

  private final Elements elements;

  RecordModels(Elements elements) {
    this.elements = elements;
  }

  List<RecordModel> of(List<TypeMirror> wireTypes) {
    Set<TypeElement> coded = new LinkedHashSet<>();
    for (TypeMirror wireType : wireTypes) {
      if (wireType instanceof DeclaredType declared
          && declared.asElement().getKind() == ElementKind.RECORD
          && canCode((TypeElement) declared.asElement())) {
        coded.add((TypeElement) declared.asElement());
      }
    }
    // A record whose tags collide gets no codec, which changes how the others write it: repeat
    // until every record left has tags of its own.
    while (true) {
      List<RecordModel> records = new ArrayList<>();
      Set<TypeElement> colliding = new HashSet<>();
      for (TypeElement record : coded) {
        RecordModel model = model(record, coded);
        if (model == null) {
          colliding.add(record);
        } else {
          records.add(model);
        }
      }
      if (colliding.isEmpty()) {
        return records;
      }
      coded.removeAll(colliding);
    }
  }

  /**
   * Whether the record may have a codec: it is not the JDK's, and the generated code can name
   * each of its components' types. They must be public, not only visible from this service's
   * package, so that every service that carries the record agrees on whether it has one.
   */
  private boolean canCode(TypeElement record) {
    String name = record.getQualifiedName().toString();
    if (name.startsWith("java.") || name.startsWith("javax.")) {
      return false;
    }
    for (TypeParameterElement parameter : record.getTypeParameters()) {
      for (TypeMirror bound : parameter.getBounds()) {
        if (!nameable(bound)) {
          return false;
        }
      }
    }
    for (RecordComponentElement component : record.getRecordComponents()) {
      if (!nameable(component.asType())) {
        return false;
      }
    }
    return true;
  }

  /** The record's fields and their tags, or null if two of its tags would be the same. */
  private RecordModel model(TypeElement record, Set<TypeElement> coded) {
    List<RecordModel.Field> fields = new ArrayList<>();
    Set<Integer> tags = new HashSet<>();
    for (RecordComponentElement component : record.getRecordComponents()) {
      TypeMirror type = component.asType();
      String componentName = component.getSimpleName().toString();
      RecordModel.Kind kind = kindOf(type, coded);
      int hashed = switch (kind) {
        case EXACT -> nameBits(componentName + ":" + binaryName(type));
        case LIST -> nameBits(componentName + ":java.util.List<"
            + binaryName(((DeclaredType) type).getTypeArguments().get(0)) + ">");
        default -> nameBits(componentName);
      };
      if (!tags.add(hashed)) {
        return null;
      }
      fields.add(new RecordModel.Field(componentName, type, kind, hashed | kind.bits()));
    }
    return new RecordModel(record, fields);
  }

  /**
   * The FNV-1a hash of the name's UTF-8 bytes with its low three bits cleared (8 if nothing else
   * is left, since a zero tag ends a record).
   */
  static int nameBits(String name) {
    int bits = MethodIds.of(name) & ~KIND_BITS;
    return bits == 0 ? KIND_BITS + 1 : bits;
  }

  private static RecordModel.Kind kindOf(TypeMirror type, Set<TypeElement> coded) {
    return switch (type.getKind()) {
      case BOOLEAN, BYTE, SHORT, CHAR, INT, LONG -> RecordModel.Kind.INTEGRAL;
      case FLOAT -> RecordModel.Kind.FLOAT;
      case DOUBLE -> RecordModel.Kind.DOUBLE;
      case DECLARED -> {
        DeclaredType declared = (DeclaredType) type;
        TypeElement element = (TypeElement) declared.asElement();
        if (element.getQualifiedName().contentEquals("java.lang.String")) {
          yield RecordModel.Kind.STRING;
        }
        if (element.getQualifiedName().contentEquals("java.util.List")
            && declared.getTypeArguments().size() == 1
            && isExact(declared.getTypeArguments().get(0), coded)) {
          yield RecordModel.Kind.LIST;
        }
        yield isExact(type, coded) ? RecordModel.Kind.EXACT : RecordModel.Kind.OBJECT;
      }
      default -> RecordModel.Kind.OBJECT;
    };
  }

  /**
   * Whether a value of {@code type} may travel without its type: every value is of that very
   * class, and the class's own encoding copes with the two sides' versions of it. So: a record
   * with a codec, or a final class of the JDK (its serializer is Fory's own), in either case
   * without type arguments (which the tag would not show). Not a user's other final classes,
   * whose fields Fory describes only when it writes their type, nor an enum, whose constants
   * with a body are subclasses of it.
   */
  private static boolean isExact(TypeMirror type, Set<TypeElement> coded) {
    if (!(type instanceof DeclaredType declared) || !declared.getTypeArguments().isEmpty()) {
      return false;
    }
    TypeElement element = (TypeElement) declared.asElement();
    String name = element.getQualifiedName().toString();
    boolean jdk = name.startsWith("java.") || name.startsWith("javax.");
    return coded.contains(element)
        || jdk && element.getKind() == ElementKind.CLASS
            && element.getModifiers().contains(Modifier.FINAL);
  }

  private String binaryName(TypeMirror type) {
    return elements.getBinaryName((TypeElement) ((DeclaredType) type).asElement()).toString();
  }

  /** Whether generated code in any package can write {@code type} as it is declared. */
  private boolean nameable(TypeMirror type) {
    return switch (type.getKind()) {
      case BOOLEAN, BYTE, SHORT, CHAR, INT, LONG, FLOAT, DOUBLE -> true;
      case ARRAY -> nameable(((ArrayType) type).getComponentType());
      case TYPEVAR -> ((TypeVariable) type).asElement().getEnclosingElement().getKind()
          == ElementKind.RECORD;
      case WILDCARD -> {
        WildcardType wildcard = (WildcardType) type;
        yield (wildcard.getExtendsBound() == null || nameable(wildcard.getExtendsBound()))
            && (wildcard.getSuperBound() == null || nameable(wildcard.getSuperBound()));
      }
      case DECLARED -> {
        DeclaredType declared = (DeclaredType) type;
        boolean nameable = Visibility.isPublic((TypeElement) declared.asElement());
        for (TypeMirror argument : declared.getTypeArguments()) {
          nameable &= nameable(argument);
        }
        yield nameable;
      }
      default -> false;
    };
  }
}
