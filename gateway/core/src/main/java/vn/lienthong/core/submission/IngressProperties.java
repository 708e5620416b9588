package vn.lienthong.core.submission;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Ingress settings, prefix {@code lienthong.ingress}.
 *
 * @param maxEnvelopeSize largest envelope accepted; bigger bodies are refused as soon as
 *        they pass the limit, before they are buffered whole
 */
@ConfigurationProperties("lienthong.ingress")
public record IngressProperties(@DefaultValue("20MB") DataSize maxEnvelopeSize) {
}
