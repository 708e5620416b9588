package vn.lienthong.core.delivery;

import java.net.URI;
import vn.lienthong.core.envelope.EnvelopeBytes;

/**
 * One push of one envelope to one recipient. {@code content} is the sender's signed bytes,
 * unchanged, in memory or spooled to a file; the other fields travel as transport metadata so
 * the recipient can route and deduplicate without parsing.
 */
public record PushRequest(URI endpoint, String envelopeId, String sender, String recipient, String kind,
                          String dossierCode, int attempt, EnvelopeBytes content) {
}
