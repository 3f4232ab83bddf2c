package dev.vireo.rpc.processor.model;

import java.util.ArrayList;
import java.util.HashSet;
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
 * fields: the hash of the component's name, or for a component whose declared class is final
 * (written without its type), of its name and that class's binary name ({@code
 * birthday:java.time.LocalDate}), and for a list of such a class, of its name and the list's type
 * ({@code permissions:java.util.List<java.lang.Integer>}), so that a peer whose component has
 * another type skips it. A record is left to the serializer's own handling when the generated code could not
 * name one of its components' types from the service's package, or when two of its components'
 * names hash alike.
 */
final class RecordModels {
  private static final int KIND_BITS = 7;

  private final Elements elements;
  private final String servicePackage;

  RecordModels(Elements elements, String servicePackage) {
    this.elements = elements;
    this.servicePackage = servicePackage;
  }

  List<RecordModel> of(List<TypeMirror> wireTypes) {
    List<RecordModel> records = new ArrayList<>();
    for (TypeMirror wireType : wireTypes) {
      if (wireType instanceof DeclaredType declared
          && declared.asElement().getKind() == ElementKind.RECORD) {
        RecordModel record = of((TypeElement) declared.asElement());
        if (record != null) {
          records.add(record);
        }
      }
    }
    return records;
  }

  /** The record's model, or null if it gets no codec. */
  private RecordModel of(TypeElement record) {
    String name = record.getQualifiedName().toString();
    if (name.startsWith("java.") || name.startsWith("javax.")) {
      return null;
    }
    for (TypeParameterElement parameter : record.getTypeParameters()) {
      for (TypeMirror bound : parameter.getBounds()) {
        if (!nameable(bound)) {
          return null;
        }
      }
    }
    List<RecordModel.Field> fields = new ArrayList<>();
    Set<Integer> names = new HashSet<>();
    for (RecordComponentElement component : record.getRecordComponents()) {
      TypeMirror type = component.asType();
      if (!nameable(type)) {
        return null;
      }
      String componentName = component.getSimpleName().toString();
      if (!names.add(nameBits(componentName))) {
        return null;
      }
      RecordModel.Kind kind = kindOf(type);
      int tag = switch (kind) {
        case EXACT -> nameBits(componentName + ":" + binaryName(type));
        case LIST -> nameBits(componentName + ":java.util.List<"
            + binaryName(((DeclaredType) type).getTypeArguments().get(0)) + ">");
        default -> nameBits(componentName);
      };
      fields.add(new RecordModel.Field(componentName, type, kind, tag | kind.bits()));
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

  private static RecordModel.Kind kindOf(TypeMirror type) {
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
            && isFinal(declared.getTypeArguments().get(0))
            && ((DeclaredType) declared.getTypeArguments().get(0)).getTypeArguments().isEmpty()) {
          yield RecordModel.Kind.LIST;
        }
        yield isFinal(type) ? RecordModel.Kind.EXACT : RecordModel.Kind.OBJECT;
      }
      default -> RecordModel.Kind.OBJECT;
    };
  }

  /**
   * Whether every value of {@code type} is of that very class: a record or a final class (not an
   * enum, whose constants with a body are subclasses of it).
   */
  private static boolean isFinal(TypeMirror type) {
    if (!(type instanceof DeclaredType declared)) {
      return false;
    }
    TypeElement element = (TypeElement) declared.asElement();
    return element.getKind() == ElementKind.RECORD
        || element.getKind() == ElementKind.CLASS
            && element.getModifiers().contains(Modifier.FINAL);
  }

  private String binaryName(TypeMirror type) {
    return elements.getBinaryName((TypeElement) ((DeclaredType) type).asElement()).toString();
  }

  /** Whether generated code in the service's package can write {@code type} as it is declared. */
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
        boolean nameable = Visibility.isAccessible(
            (TypeElement) declared.asElement(), elements, servicePackage);
        for (TypeMirror argument : declared.getTypeArguments()) {
          nameable &= nameable(argument);
        }
        yield nameable;
      }
      default -> false;
    };
  }
}
