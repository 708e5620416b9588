/**
 * The REST edge: JAX-RS resources under {@code /api/v1} that call the core's ports, the
 * translation of core errors into {@code application/problem+json}, and the client that
 * pushes envelopes to agencies' REST endpoints.
 */
@NullMarked
package vn.lienthong.rest;

import org.jspecify.annotations.NullMarked;
