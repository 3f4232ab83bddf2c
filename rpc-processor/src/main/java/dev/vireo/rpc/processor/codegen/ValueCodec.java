package dev.vireo.rpc.processor.codegen;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
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
  CodeBlock write(TypeMirror type, String writer, CodeBlock value) {
    return CodeBlock.of("$N.write$L($L)", writer, suffix(type), value);
  }

  /** {@code in.readLong()}, or {@code in.readObject(User.class)}. */
  CodeBlock read(TypeMirror type, String reader) {
    String suffix = suffix(type);
    if (suffix.equals("Object")) {
      return CodeBlock.of("$N.readObject($T.class)", reader, TypeName.get(types.erasure(type)));
    }
    return CodeBlock.of("$N.read$L()", reader, suffix);
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
      default -> type.toString().equals("java.lang.String") ? "String" : "Object";
    };
  }
}
