package dev.vireo.rpc.processor.validation;

import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Diagnostics gathered while a service is modelled and validated, printed together before any
 * code is written. Generation runs only for a report without errors.
 */
public final class Report {
  private record Entry(Message message, String text, Element element, AnnotationMirror annotation) {}

  private final List<Entry> entries = new ArrayList<>();

  public void add(Message message, Element element, Object... args) {
    entries.add(new Entry(message, message.format(args), element, null));
  }

  public void add(Message message, Element element, AnnotationMirror annotation, Object... args) {
    entries.add(new Entry(message, message.format(args), element, annotation));
  }

  public boolean hasErrors() {
    return entries.stream().anyMatch(e -> e.message().kind() == Diagnostic.Kind.ERROR);
  }

  public void printTo(Messager messager) {
    for (Entry entry : entries) {
      if (entry.annotation() != null) {
        messager.printMessage(
            entry.message().kind(), entry.text(), entry.element(), entry.annotation());
      } else {
        messager.printMessage(entry.message().kind(), entry.text(), entry.element());
      }
    }
  }
}
