/**
 * The embedded demo: a demo CA, the gateway's key and three demo agencies with keys and API
 * tokens, created in the data folder on first start. Nothing here is fit for production.
 */
@NullMarked
package vn.lienthong.app.demo;

import org.jspecify.annotations.NullMarked;
