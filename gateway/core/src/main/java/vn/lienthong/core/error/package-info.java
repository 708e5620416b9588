/** The one catalogue of stable error codes, used alike by REST problems, SOAP faults, logs and metrics. */
@NullMarked
package vn.lienthong.core.error;

import org.jspecify.annotations.NullMarked;
