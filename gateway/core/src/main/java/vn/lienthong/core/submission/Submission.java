package vn.lienthong.core.submission;

import java.io.InputStream;
import vn.lienthong.core.access.Caller;

/** An authenticated caller's request to submit an envelope: the command that enters the ingress flow. */
public record Submission(Caller caller, InputStream body) {
}
