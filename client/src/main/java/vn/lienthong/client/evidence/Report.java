package vn.lienthong.client.evidence;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Collects the findings and summaries of one verification, check by check. */
final class Report {

    /** Findings of one code beyond this many are counted, not listed, so that one fault repeated on every line stays readable. */
    static final int MAX_FINDINGS_PER_CODE = 20;

    private final Map<Check, List<Finding>> findings = new EnumMap<>(Check.class);
    private final Map<FindingCode, Integer> counts = new EnumMap<>(FindingCode.class);
    private final Map<Check, String> summaries = new EnumMap<>(Check.class);
    private final Map<Check, CheckResult.Status> statuses = new EnumMap<>(Check.class);

    void fail(FindingCode code, String message) {
        int count = counts.merge(code, 1, Integer::sum);
        if (count <= MAX_FINDINGS_PER_CODE) {
            findings.computeIfAbsent(code.check(), check -> new ArrayList<>()).add(new Finding(code, message));
        }
    }

    boolean failed(Check check) {
        return findings.containsKey(check);
    }

    boolean failed(FindingCode code) {
        return counts.containsKey(code);
    }

    /** What the check found when it passes. */
    void passed(Check check, String summary) {
        summaries.put(check, summary);
        statuses.put(check, CheckResult.Status.OK);
    }

    /** The check passed with something the reader must know. */
    void note(Check check, String summary) {
        summaries.put(check, summary);
        statuses.put(check, CheckResult.Status.NOTE);
    }

    /** The check did not run; {@code reason} says why. */
    void skipped(Check check, String reason) {
        summaries.put(check, reason);
        statuses.put(check, CheckResult.Status.SKIPPED);
    }

    void skipRemaining(String reason) {
        for (Check check : Check.values()) {
            if (!statuses.containsKey(check) && !failed(check)) {
                skipped(check, reason);
            }
        }
    }

    Verdict verdict(@Nullable LedgerHead head, GatewayTrust.Basis trust) {
        List<CheckResult> results = new ArrayList<>();
        for (Check check : Check.values()) {
            List<Finding> failures = withOverflow(check);
            if (!failures.isEmpty()) {
                results.add(new CheckResult(check, CheckResult.Status.FAILED, "", failures));
            } else {
                results.add(new CheckResult(check, statuses.getOrDefault(check, CheckResult.Status.SKIPPED),
                        summaries.getOrDefault(check, "not run"), List.of()));
            }
        }
        return new Verdict(head, trust, results);
    }

    private List<Finding> withOverflow(Check check) {
        List<Finding> listed = new ArrayList<>(findings.getOrDefault(check, List.of()));
        for (Map.Entry<FindingCode, Integer> count : counts.entrySet()) {
            int more = count.getValue() - MAX_FINDINGS_PER_CODE;
            if (count.getKey().check() == check && more > 0) {
                listed.add(new Finding(count.getKey(), "… and " + more + " more like the above"));
            }
        }
        return listed;
    }
}
