package vn.lienthong.core.submission;

import java.io.InputStream;
import vn.lienthong.core.access.Caller;

/**
 * An authenticated caller's request to submit an envelope: the command that enters the ingress flow.
 *
 * @param declaredLength the body's length as the transport declared it, or -1 when unknown
 */
public record Submission(Caller caller, InputStream body, long declaredLength) {
}
