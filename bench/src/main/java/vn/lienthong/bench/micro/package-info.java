/**
 * JMH microbenchmarks of the envelope path, each using the gateway's own classes, and the raw
 * floors they are read against (plain JCA signatures, a persistent Artemis send), run by
 * {@link vn.lienthong.bench.micro.MicroSuite}.
 */
package vn.lienthong.bench.micro;
