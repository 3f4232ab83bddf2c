package dev.vireo.rpc.processor.codegen;

import static dev.vireo.rpc.processor.codegen.RuntimeNames.OVERRIDE;
import static dev.vireo.rpc.processor.codegen.RuntimeNames.RECORD_CODEC;
import static dev.vireo.rpc.processor.codegen.RuntimeNames.RECORD_READER;
import static dev.vireo.rpc.processor.codegen.RuntimeNames.RECORD_WRITER;

import dev.vireo.rpc.processor.model.RecordModel;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Writes a record's codec: a nested class that writes each component under its tag through the
 * record's accessors, and reads the fields back in whatever order they come, skipping the ones it
 * does not know, into the record's canonical constructor. Fields that come in the order the codec
 * writes them are read without a lookup: each is expected after the one before (for records of up
 * to {@link #IN_ORDER_LIMIT} components).
 */
final class RecordCodecWriter {
  /**
   * The most components whose fields are expected in order before the lookup: with more, the read
   * method could pass the size of method HotSpot compiles (8,000 bytes of bytecode), and is
   * written with the lookup alone.
   */
  static final int IN_ORDER_LIMIT = 100;

  private final JavaWriter out;
  private final Types types;

  RecordCodecWriter(JavaWriter out, Types types) {
    this.out = out;
    this.types = types;
  }

  /** {@code new UserCodec()}, or {@code new PageCodec<>()} for a generic record. */
  static String instance(RecordModel record, String codec) {
    return "new " + codec + (record.element().getTypeParameters().isEmpty() ? "()" : "<>()");
  }

  void codec(RecordModel record, String codec) {
    TypeElement element = record.element();
    String recordType = out.type(element.asType());
    out.line("")
        .javadoc("How {@link " + out.type(types.erasure(element.asType())) + "} travels:"
            + " each component under its tag, read back in any order.")
        .open("private static final class " + codec + typeParameters(element) + " implements "
            + out.type(RECORD_CODEC) + "<" + recordType + ">");
    write(record, recordType);
    read(record, recordType);
    out.close();
  }

  private void write(RecordModel record, String recordType) {
    out.line("@" + out.type(OVERRIDE))
        .open("public void write(" + out.type(RECORD_WRITER) + " out, " + recordType + " value)");
    for (RecordModel.Field field : record.fields()) {
      out.line("out.write" + writeSuffix(field) + "(" + BindingGenerator.hex(field.tag()) + ", value."
          + field.name() + "());");
    }
    out.close();
  }

  private void read(RecordModel record, String recordType) {
    Set<String> components = new HashSet<>();
    record.fields().forEach(field -> components.add(field.name()));
    String in = LocalNames.unique("in", components);
    String tag = LocalNames.unique("tag", components);
    String reader = out.type(RECORD_READER);
    out.line("")
        .line("@" + out.type(OVERRIDE))
        .open("public " + recordType + " read(" + reader + " " + in + ")");
    for (RecordModel.Field field : record.fields()) {
      out.line(out.type(field.type()) + " " + field.name() + " = " + defaultOf(field.type())
          + ";");
    }
    out.line("int " + tag + " = " + in + ".nextField();");
    if (record.fields().size() <= IN_ORDER_LIMIT) {
      out.line("// the fields in the order they were written, then any left in any order");
      for (RecordModel.Field field : record.fields()) {
        out.open("if (" + tag + " == " + BindingGenerator.hex(field.tag()) + ")")
            .line(field.name() + " = " + read(field, in) + ";")
            .line(tag + " = " + in + ".nextField();")
            .close();
      }
    }
    out.open("for (; " + tag + " != " + reader + ".END; " + tag + " = " + in + ".nextField())")
        .open("switch (" + tag + ")");
    for (RecordModel.Field field : record.fields()) {
      out.line("case " + BindingGenerator.hex(field.tag()) + " -> " + field.name() + " = " + read(field, in) + ";");
    }
    out.line("default -> " + in + ".skip(" + tag + ");")
        .close()
        .close();
    StringJoiner arguments = new StringJoiner(", ");
    record.fields().forEach(field -> arguments.add(field.name()));
    String constructed = out.type(types.erasure(record.element().asType()))
        + (record.element().getTypeParameters().isEmpty() ? "" : "<>");
    out.line("return new " + constructed + "(" + arguments + ");")
        .close();
  }

  private String typeParameters(TypeElement element) {
    List<? extends TypeParameterElement> parameters = element.getTypeParameters();
    if (parameters.isEmpty()) {
      return "";
    }
    StringJoiner declared = new StringJoiner(", ", "<", ">");
    for (TypeParameterElement parameter : parameters) {
      StringJoiner bounds = new StringJoiner(" & ");
      for (TypeMirror bound : parameter.getBounds()) {
        if (!ValueCodec.isClass(bound, "java.lang.Object")) {
          bounds.add(out.type(bound));
        }
      }
      declared.add(parameter.getSimpleName()
          + (bounds.length() == 0 ? "" : " extends " + bounds));
    }
    return declared.toString();
  }

  private static String writeSuffix(RecordModel.Field field) {
    return switch (field.type().getKind()) {
      case BOOLEAN -> "Boolean";
      case BYTE, SHORT, CHAR, INT -> "Int";
      case LONG -> "Long";
      case FLOAT -> "Float";
      case DOUBLE -> "Double";
      default -> switch (field.kind()) {
        case STRING -> "String";
        case LIST -> "List";
        default -> "Object";
      };
    };
  }

  private String read(RecordModel.Field field, String in) {
    return switch (field.type().getKind()) {
      case BOOLEAN -> in + ".readBoolean()";
      case BYTE -> in + ".readByte()";
      case SHORT -> in + ".readShort()";
      case CHAR -> in + ".readChar()";
      case INT -> in + ".readInt()";
      case LONG -> in + ".readLong()";
      case FLOAT -> in + ".readFloat()";
      case DOUBLE -> in + ".readDouble()";
      default -> switch (field.kind()) {
        case STRING -> in + ".readString()";
        case LIST -> in + ".readList(" + out.type(
            ((DeclaredType) field.type()).getTypeArguments().get(0)) + ".class)";
        default -> in + ".readObject(" + out.type(types.erasure(field.type())) + ".class)";
      };
    };
  }

  private static String defaultOf(TypeMirror type) {
    return switch (type.getKind()) {
      case BOOLEAN -> "false";
      case BYTE, SHORT, CHAR, INT, LONG, FLOAT, DOUBLE -> "0";
      default -> "null";
    };
  }
}
