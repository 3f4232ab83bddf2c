package dev.vireo.bench.reflective;

import dev.vireo.rpc.stub.ServiceBindings;
import dev.vireo.rpc.stub.ValueReader;
import dev.vireo.rpc.stub.ValueWriter;
import dev.vireo.rpc.stub.ClientCall;
import dev.vireo.rpc.stub.ClientInvoker;
import dev.vireo.rpc.stub.MethodDescriptor;
import dev.vireo.rpc.stub.ServerCall;
import dev.vireo.rpc.stub.ServiceBinding;
import dev.vireo.rpc.stub.ServiceDescriptor;
import dev.vireo.rpc.stub.ServiceDispatcher;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/**
 * How RPC frameworks bind calls without a code generator, plugged into the same runtime so that
 * binding is the only difference: a JDK {@link Proxy} on the client, whose handler boxes every
 * argument into an {@code Object[]} and writes each as a tagged object; on the server, the method
 * looked up by name and parameter types, its arguments read back as objects, and {@link
 * Method#invoke}. The wire ids are the generated ones, so both bindings serve the same service.
 */
public final class ReflectiveBinding<T> implements ServiceBinding<T> {
  private final Class<T> type;
  private final ServiceDescriptor descriptor;
  private final Map<Method, MethodDescriptor> byMethod = new HashMap<>();
  private final Map<Integer, Method> byId = new HashMap<>();

  public ReflectiveBinding(Class<T> type) {
    this.type = type;
    this.descriptor = ServiceBindings.of(type).descriptor();
    for (MethodDescriptor method : descriptor.methods()) {
      Method found = lookUp(type, method.signature());
      byMethod.put(found, method);
      byId.put(method.id(), found);
    }
  }

  /** The method named by a signature such as {@code getUser(long)}: by name and parameter types. */
  private static Method lookUp(Class<?> type, String signature) {
    for (Method method : type.getMethods()) {
      StringBuilder candidate = new StringBuilder(method.getName()).append('(');
      Class<?>[] parameters = method.getParameterTypes();
      for (int i = 0; i < parameters.length; i++) {
        candidate.append(i == 0 ? "" : ",").append(parameters[i].getCanonicalName());
      }
      if (candidate.append(')').toString().equals(signature)) {
        return method;
      }
    }
    throw new IllegalArgumentException("no method " + signature + " in " + type.getName());
  }

  @Override
  public ServiceDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public Class<T> serviceInterface() {
    return type;
  }

  @Override
  public Class<?> asyncInterface() {
    return ServiceBindings.of(type).asyncInterface();
  }

  @Override
  public T newStub(ClientInvoker invoker) {
    Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
        (self, method, args) -> {
          MethodDescriptor descriptor = byMethod.get(method);
          try (ClientCall call = invoker.newCall(descriptor)) {
            ValueWriter out = call.arguments();
            if (args != null) {
              for (Object arg : args) {
                out.writeObject(arg);
              }
            }
            if (method.getReturnType() == void.class) {
              call.invoke();
              return null;
            }
            return call.invoke().readObject(boxed(method.getReturnType()));
          }
        });
    return type.cast(proxy);
  }

  @Override
  public Object newAsyncStub(ClientInvoker invoker) {
    throw new UnsupportedOperationException("the reflective baseline binds blocking calls only");
  }

  @Override
  public ServiceDispatcher newDispatcher(T implementation) {
    return (methodId, call) -> dispatch(implementation, byId.get(methodId), call);
  }

  private static void dispatch(Object implementation, Method method, ServerCall call)
      throws Exception {
    Class<?>[] parameters = method.getParameterTypes();
    Object[] args = new Object[parameters.length];
    ValueReader in = call.arguments();
    for (int i = 0; i < args.length; i++) {
      args[i] = in.readObject(boxed(parameters[i]));
    }
    Object result;
    try {
      result = method.invoke(implementation, args);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
    if (method.getReturnType() != void.class) {
      call.result().writeObject(result);
    }
  }

  private static Class<?> boxed(Class<?> type) {
    if (!type.isPrimitive()) {
      return type;
    }
    return switch (type.getName()) {
      case "boolean" -> Boolean.class;
      case "byte" -> Byte.class;
      case "short" -> Short.class;
      case "char" -> Character.class;
      case "int" -> Integer.class;
      case "long" -> Long.class;
      case "float" -> Float.class;
      case "double" -> Double.class;
      default -> throw new IllegalArgumentException(type.getName());
    };
  }

  @Override
  public String toString() {
    return "reflective binding of " + type.getName();
  }
}
