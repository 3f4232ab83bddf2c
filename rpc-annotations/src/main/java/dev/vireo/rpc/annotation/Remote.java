package dev.vireo.rpc.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface as a remote service. The Vireo annotation processor writes, at compile time,
 * the client stub, the server dispatcher and the {@code XAsync} variant of the interface.
 *
 * <p>The service name on the wire is the interface's canonical name unless {@link #value()} gives
 * another. Clients and servers must agree on it; renaming the interface without pinning the old
 * name here breaks older peers.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Remote {
  /** The service name on the wire; empty means the interface's canonical name. */
  String value() default "";
}
