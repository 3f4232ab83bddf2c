package dev.vireo.rpc.processor.codegen;

import dev.vireo.rpc.processor.model.ClassName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides, for one generated file, how each class it mentions is written: by its simple name
 * (imported, or needing no import) when that name is free, in full otherwise. The first class to
 * use a simple name keeps it; a later class with the same simple name, any class whose name a
 * type of the file itself or of the service hides, and a {@code java.lang} class that a type of
 * the file's package hides (as {@code com.example.Class} hides {@code Class}), is written in full.
 */
final class ImportedNames {
  private final String packageName;
  private final Set<String> hidden;
  private final Set<String> packageTypes;
  private final Map<String, ClassName> claimed = new HashMap<>();

  /**
   * @param packageName the generated file's package
   * @param hidden simple names that mean something else inside the file: its own types and the
   *     member types they inherit
   * @param packageTypes the simple names of the top-level types of the file's package
   */
  ImportedNames(String packageName, Set<String> hidden, Set<String> packageTypes) {
    this.packageName = packageName;
    this.hidden = hidden;
    this.packageTypes = packageTypes;
  }

  /** How the file writes {@code name}: {@code Entry}'s outer type imported, {@code Map.Entry}. */
  String of(ClassName name) {
    String top = name.topLevelSimpleName();
    boolean hiddenByPackage =
        name.packageName().equals("java.lang") && packageTypes.contains(top);
    if (!hidden.contains(top) && !hiddenByPackage) {
      ClassName owner = claimed.putIfAbsent(top, topLevel(name));
      if (owner == null || owner.equals(topLevel(name))) {
        return String.join(".", name.simpleNames());
      }
    }
    if (name.packageName().isEmpty()) {
      throw new IllegalStateException(name.canonicalName() + ", in the unnamed package, is hidden"
          + " by another class of the same simple name, and generated code cannot name it");
    }
    return name.canonicalName();
  }

  /** The import declarations the names given out so far need, sorted. */
  List<String> imports() {
    List<String> imports = new ArrayList<>();
    for (ClassName name : claimed.values()) {
      String from = name.packageName();
      if (!from.isEmpty() && !from.equals(packageName) && !from.equals("java.lang")) {
        imports.add(name.canonicalName());
      }
    }
    imports.sort(null);
    return imports;
  }

  private static ClassName topLevel(ClassName name) {
    return name.simpleNames().size() == 1
        ? name
        : ClassName.of(name.packageName(), name.topLevelSimpleName());
  }
}
