package vn.lienthong.core.submission;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Ingress settings, prefix {@code lienthong.ingress}.
 *
 * @param maxEnvelopeSize largest envelope accepted; bigger bodies are refused as soon as
 *        they pass the limit, before they are buffered whole
 * @param maxBytesInFlight most bytes of envelopes received at once; more answer 503
 * @param maxOutboxBacklog accepted orders not yet relayed to the broker above which every
 *        submission answers 503
 * @param maxRecipientBacklog deliveries waiting for one recipient above which submissions to
 *        it answer 429
 */
@ConfigurationProperties("lienthong.ingress")
public record IngressProperties(@DefaultValue("20MB") DataSize maxEnvelopeSize,
                                @DefaultValue("256MB") DataSize maxBytesInFlight,
                                @DefaultValue("20000") long maxOutboxBacklog,
                                @DefaultValue("100000") long maxRecipientBacklog) {
}
