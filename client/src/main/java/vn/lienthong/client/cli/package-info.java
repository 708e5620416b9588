/** The {@code lienthong} command-line tool. */
@NullMarked
package vn.lienthong.client.cli;

import org.jspecify.annotations.NullMarked;
