/**
 * The SOAP edge: the exchange service at {@code /services/exchange}, generated contract-first
 * from {@code schemas/wsdl/exchange-v1.wsdl}, which calls the core's ports; authentication
 * and the translation of core errors into {@code GatewayFault}s; and the client that pushes
 * envelopes to agencies' AgencyReceiver services. The generated bindings live in
 * {@code vn.lienthong.soap.exchange} and {@code vn.lienthong.soap.receiver}.
 */
@NullMarked
package vn.lienthong.soap;

import org.jspecify.annotations.NullMarked;
