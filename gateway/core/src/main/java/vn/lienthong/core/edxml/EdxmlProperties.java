package vn.lienthong.core.edxml;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * edXML settings, prefix {@code lienthong.edxml}.
 *
 * @param verifySignatures false only to replay sample traffic whose signatures are copied
 *        placeholders: edXML messages are then accepted unsigned or with signatures that do
 *        not verify, each is counted ({@code lienthong.edxml.signatures.unverified}) and the
 *        gateway warns at start. Never in production.
 * @param unknownReferences what to do with a revocation, update or replacement of a document
 *        this gateway never carried, or a status message about one: {@code refuse} it
 *        (EDXML_REFERENCE_UNKNOWN), or {@code accept} it unlinked (a gateway that joins an
 *        exchange already under way)
 */
@ConfigurationProperties("lienthong.edxml")
public record EdxmlProperties(@DefaultValue("true") boolean verifySignatures,
                              @DefaultValue("refuse") UnknownReferences unknownReferences) {

    public enum UnknownReferences { REFUSE, ACCEPT }
}
