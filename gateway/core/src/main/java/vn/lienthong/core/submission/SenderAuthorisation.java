package vn.lienthong.core.submission;

import java.util.List;
import vn.lienthong.core.agency.AgencyCodePolicy;
import vn.lienthong.core.agency.AgencyRegistry;
import vn.lienthong.core.envelope.Envelope;
import vn.lienthong.core.envelope.Party;
import vn.lienthong.core.error.ErrorCode;

/** Step 4: the caller sends only as itself, and only to agencies the gateway knows. */
final class SenderAuthorisation {

    private final AgencyRegistry registry;

    SenderAuthorisation(AgencyRegistry registry) {
        this.registry = registry;
    }

    SubmissionStages.Parsed authorise(SubmissionStages.Parsed parsed) {
        Envelope envelope = parsed.envelope();
        AgencyCodePolicy policy = registry.codePolicy();
        List<String> malformed = envelope.recipients().stream().map(Party::agency).map(Object::toString)
                .filter(code -> !policy.accepts(code)).toList();
        if (!policy.accepts(envelope.sender().agency().value())) {
            throw ErrorCode.AGENCY_CODE_INVALID.exception("sender code " + envelope.sender().agency()
                    + " does not match the agency code pattern").with("pattern", policy.pattern()).build();
        }
        if (!malformed.isEmpty()) {
            throw ErrorCode.AGENCY_CODE_INVALID.exception("recipient codes " + malformed
                    + " do not match the agency code pattern").with("pattern", policy.pattern()).build();
        }
        if (!envelope.sender().agency().equals(parsed.caller().requireAgency("submit envelopes"))) {
            throw ErrorCode.SENDER_NOT_CALLER.exception("the envelope is from " + envelope.sender().agency()
                    + " but the caller is " + parsed.caller().agency()).build();
        }
        List<String> unknown = envelope.recipients().stream().map(Party::agency)
                .filter(code -> registry.find(code).isEmpty()).map(Object::toString).toList();
        if (!unknown.isEmpty()) {
            throw ErrorCode.RECIPIENT_UNKNOWN.exception("not registered at this gateway: " + String.join(", ", unknown))
                    .with("recipients", unknown).build();
        }
        return parsed;
    }
}
