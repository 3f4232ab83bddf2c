package dev.vireo.rpc.processor.model;

import java.util.List;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * A record among a service's wire types that travels field by field through a codec the processor
 * writes.
 *
 * @param element the record class
 * @param fields its components, in declaration order, each with the tag it travels under
 */
public record RecordModel(TypeElement element, List<Field> fields) {
  public RecordModel {
    fields = List.copyOf(fields);
  }

  /**
   * One component.
   *
   * @param name the component's name, which is its accessor's too
   * @param type the component's declared type
   * @param kind how its value is written
   * @param tag what it travels under: the hash of its name (and, for {@link Kind#EXACT} and {@link
   *     Kind#LIST}, its type) with its kind in the low three bits
   */
  public record Field(String name, TypeMirror type, Kind kind, int tag) {}

  /** How a field's value is written; the numbers are the runtime's {@code RecordWriter} kinds. */
  public enum Kind {
    INTEGRAL(1),
    FLOAT(2),
    DOUBLE(3),
    STRING(4),
    OBJECT(5),
    /** An object whose declared class is final, written without its type. */
    EXACT(6),
    /** A {@code List} of a final class without type parameters, its elements without their type. */
    LIST(7);

    private final int bits;

    Kind(int bits) {
      this.bits = bits;
    }

    int bits() {
      return bits;
    }
  }
}
