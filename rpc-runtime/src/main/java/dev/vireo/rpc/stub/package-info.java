/**
 * The seam between code the Vireo processor generates and the runtime. Users do not call these
 * types; generated {@code XVireo} classes do. Everything here is reflection-free: a call's
 * arguments are written and read with their static types, and a request reaches the
 * implementation through a {@code switch} on its method id.
 */
package dev.vireo.rpc.stub;
