package dev.vireo.rpc.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A fire-and-forget method: the call returns once the request is handed to the transport and the
 * server sends no reply, not even for a failure. Only {@code void} methods may be one-way.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Oneway {}
