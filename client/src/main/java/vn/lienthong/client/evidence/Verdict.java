package vn.lienthong.client.evidence;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of verifying an evidence bundle: one result per {@link Check}, in order.
 *
 * @param head the signed head, when it verified; null when it is missing or did not verify
 * @param trust what trust in the gateway's certificate rested on
 */
public record Verdict(@Nullable LedgerHead head, GatewayTrust.Basis trust, List<CheckResult> checks) {

    public Verdict {
        checks = List.copyOf(checks);
    }

    /** True when no check failed: the bundle is what the gateway with that key signed. */
    public boolean verified() {
        return checks.stream().noneMatch(check -> check.status() == CheckResult.Status.FAILED);
    }

    public List<Finding> findings() {
        return checks.stream().flatMap(check -> check.findings().stream()).toList();
    }

    public boolean has(FindingCode code) {
        return findings().stream().anyMatch(finding -> finding.code() == code);
    }

    public Optional<LedgerHead> signedHead() {
        return Optional.ofNullable(head);
    }

    /** One sentence for the end of a report. */
    public String summary() {
        if (!verified()) {
            List<Finding> findings = findings();
            String codes = findings.stream().map(finding -> finding.code().name()).distinct().collect(Collectors.joining(", "));
            return "evidence NOT verified: " + findings.size() + (findings.size() == 1 ? " finding (" : " findings (") + codes + ")";
        }
        String signed = head == null ? "" : ": dossier " + head.dossier() + ", " + head.entries() + " entries, head "
                + head.headSha256() + ", signed by gateway '" + head.gateway() + "' at " + head.issuedAt();
        String caveat = trust == GatewayTrust.Basis.BUNDLE_CERTIFICATE
                ? " (trust rests on the certificate inside the bundle; pin it with --gateway-cert or --trust)" : "";
        return "evidence verified" + signed + caveat;
    }
}
