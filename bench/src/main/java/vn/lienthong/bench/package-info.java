/** What the microbenchmarks and the load generator share: the envelopes they submit. */
package vn.lienthong.bench;
