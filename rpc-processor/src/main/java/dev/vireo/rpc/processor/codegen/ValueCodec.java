package dev.vireo.rpc.processor.codegen;

import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * How generated code writes and reads one value of a static type: primitives with their own
 * method, so nothing is boxed; strings with {@code writeString}; everything else as an object.
 */
final class ValueCodec {
  private final Types types;

  ValueCodec(Types types) {
    this.types = types;
  }

  /** {@code out.writeLong(id)}. */
  String write(TypeMirror type, String writer, String value) {
    return writer + ".write" + suffix(type) + "(" + value + ")";
  }

  /** {@code in.readLong()}, or {@code in.readObject(User.class)}. */
  String read(TypeMirror type, String reader, JavaWriter out) {
    String suffix = suffix(type);
    if (suffix.equals("Object")) {
      return reader + ".readObject(" + out.type(types.erasure(type)) + ".class)";
    }
    return reader + ".read" + suffix + "()";
  }

  /** Whether {@code type} is the class named {@code qualifiedName}, whatever its annotations. */
  static boolean isClass(TypeMirror type, String qualifiedName) {
    return type.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName()
            .contentEquals(qualifiedName);
  }

  private static String suffix(TypeMirror type) {
    TypeKind kind = type.getKind();
    return switch (kind) {
      case BOOLEAN -> "Boolean";
      case BYTE -> "Byte";
      case SHORT -> "Short";
      case CHAR -> "Char";
      case INT -> "Int";
      case LONG -> "Long";
      case FLOAT -> "Float";
      case DOUBLE -> "Double";
      default -> isClass(type, "java.lang.String") ? "String" : "Object";
    };
  }
}
