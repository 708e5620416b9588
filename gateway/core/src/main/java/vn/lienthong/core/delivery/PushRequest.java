package vn.lienthong.core.delivery;

import java.net.URI;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import vn.lienthong.core.envelope.EnvelopeBytes;
import vn.lienthong.core.envelope.EnvelopeFormat;
import vn.lienthong.core.routing.TraceCarrier;

/**
 * One push of one envelope to one recipient. {@code content} is the sender's signed bytes,
 * unchanged, in memory or spooled to a file; the other fields travel as transport metadata so
 * the recipient can route and deduplicate without parsing. {@code gateway} and
 * {@code acceptedAt} are the gateway's hop (what an edXML {@code TraceHeader} would record),
 * carried beside the bytes because adding it inside would break the sender's signature.
 *
 * @param dossierCode null for an edXML document outside any dossier
 * @param trace the push's trace context ({@code traceparent}...), sent as HTTP headers so the
 *              agency's system can continue the trace; empty when no tracer is configured
 */
public record PushRequest(URI endpoint, String envelopeId, String sender, String recipient, String kind,
                          EnvelopeFormat format, @Nullable String dossierCode, String gateway, Instant acceptedAt,
                          int attempt, EnvelopeBytes content, TraceCarrier trace) {
}
