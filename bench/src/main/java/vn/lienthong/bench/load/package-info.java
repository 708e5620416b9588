/** The end-to-end load generator: drives a running gateway over HTTP and reports what it saw. */
package vn.lienthong.bench.load;
