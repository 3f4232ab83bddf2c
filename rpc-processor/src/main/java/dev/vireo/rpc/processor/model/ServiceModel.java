package dev.vireo.rpc.processor.model;

import java.util.List;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * A {@code @Remote} interface as the generators see it, after validation.
 *
 * @param element the interface
 * @param serviceName the name on the wire
 * @param interfaceName the interface's class name
 * @param bindingName the generated holder class ({@code XVireo})
 * @param asyncName the generated asynchronous interface ({@code XAsync})
 * @param methods the remote methods, in declaration order, inherited ones included
 * @param wireTypes every class a call may carry, besides primitives and strings
 * @param records the records among them that travel through a generated codec
 * @param unresolvedType a type the calls reach that does not exist yet, or null
 */
public record ServiceModel(
    TypeElement element,
    String serviceName,
    ClassName interfaceName,
    ClassName bindingName,
    ClassName asyncName,
    List<MethodModel> methods,
    List<TypeMirror> wireTypes,
    List<RecordModel> records,
    String unresolvedType) {

  public ServiceModel {
    methods = List.copyOf(methods);
    wireTypes = List.copyOf(wireTypes);
    records = List.copyOf(records);
  }
}
