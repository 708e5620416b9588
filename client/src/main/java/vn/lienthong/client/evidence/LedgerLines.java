package vn.lienthong.client.evidence;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads ledger.jsonl into entries: splits it at line feeds, hashes each line's raw bytes, and
 * checks each line's form (common keys, and the keys of the known events). Never re-serialises
 * JSON: what is hashed is what is stored.
 */
final class LedgerLines {

    /** The common keys, in the order a v1 line starts with them. */
    static final List<String> LEADING_KEYS = List.of("seq", "dossier", "at", "event");
    static final String PREV = "prev";

    private static final Pattern UTC_INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Set<String> OVERDUE_SCOPES = Set.of("STEP", "DOSSIER");

    /** Duplicate keys are refused: two readers could otherwise take different values from the same line. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private LedgerLines() {
    }

    static List<LedgerEntry> read(byte[] ledger, Report report) {
        List<LedgerEntry> entries = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < ledger.length; i++) {
            if (ledger[i] == '\n') {
                entries.add(entry(entries.size() + 1, Arrays.copyOfRange(ledger, start, i), report));
                start = i + 1;
            }
        }
        if (start < ledger.length) {
            int position = entries.size() + 1;
            report.fail(FindingCode.LEDGER_LINE_ENDING, "the ledger's last line (entry " + position
                    + ") is not ended by a line feed: the file may have been cut short");
            entries.add(entry(position, Arrays.copyOfRange(ledger, start, ledger.length), report));
        }
        return entries;
    }

    private static LedgerEntry entry(int position, byte[] line, Report report) {
        String hash = sha256Hex(line);
        if (line.length > 0 && line[line.length - 1] == '\r') {
            report.fail(FindingCode.LEDGER_LINE_ENDING, "entry " + position + " ends with a carriage return: the line "
                    + "endings were converted to CRLF, which changes every hash (the gateway writes LF only)");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line)).toString();
        } catch (CharacterCodingException e) {
            report.fail(FindingCode.LEDGER_ENTRY_MALFORMED, "entry " + position + " is not valid UTF-8");
            return new LedgerEntry(position, hash, null, null, null, null, null);
        }
        if (text.isBlank()) {
            report.fail(FindingCode.LEDGER_ENTRY_MALFORMED, "entry " + position + " is an empty line");
            return new LedgerEntry(position, hash, null, null, null, null, null);
        }
        if (text.startsWith("\uFEFF")) {
            report.fail(FindingCode.LEDGER_ENTRY_MALFORMED, "entry " + position + " starts with a byte order mark");
            return new LedgerEntry(position, hash, null, null, null, null, null);
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JacksonException e) {
            report.fail(FindingCode.LEDGER_ENTRY_MALFORMED, "entry " + position + " is not JSON: " + e.getOriginalMessage());
            return new LedgerEntry(position, hash, null, null, null, null, null);
        }
        if (node == null || !node.isObject()) {
            report.fail(FindingCode.LEDGER_ENTRY_MALFORMED, "entry " + position + " is not a JSON object");
            return new LedgerEntry(position, hash, null, null, null, null, null);
        }
        List<String> problems = new ArrayList<>();
        checkKeyOrder(node, problems);
        Long seq = seq(node, problems);
        String dossier = string(node, "dossier", problems);
        checkInstant(node, "at", problems);
        String event = string(node, "event", problems);
        String prev = string(node, PREV, problems);
        if (prev != null && !SHA256_HEX.matcher(prev).matches()) {
            problems.add("'prev' is not 64 lower-case hex digits");
            prev = null;
        }
        if (!problems.isEmpty()) {
            report.fail(FindingCode.LEDGER_ENTRY_MALFORMED, "entry " + position + ": " + String.join("; ", problems));
        }
        LedgerEntry.Accepted accepted = event == null ? null : checkEvent(position, seq, event, node, report);
        return new LedgerEntry(position, hash, seq, dossier, event, prev, accepted);
    }

    private static void checkKeyOrder(JsonNode node, List<String> problems) {
        List<String> keys = new ArrayList<>(node.propertyNames());
        if (keys.size() < LEADING_KEYS.size() + 1) {
            return; // the missing keys are reported one by one
        }
        if (!keys.subList(0, LEADING_KEYS.size()).equals(LEADING_KEYS) || !PREV.equals(keys.get(keys.size() - 1))) {
            problems.add("its keys are not in the v1 order (seq, dossier, at, event, …, prev) but " + keys);
        }
    }

    private static @Nullable Long seq(JsonNode node, List<String> problems) {
        JsonNode seq = node.get("seq");
        if (seq == null) {
            problems.add("'seq' is missing");
            return null;
        }
        if (!seq.isIntegralNumber() || !seq.canConvertToLong() || seq.asLong() < 1) {
            problems.add("'seq' is not a whole number from 1 up: " + seq);
            return null;
        }
        return seq.asLong();
    }

    private static @Nullable String string(JsonNode node, String key, List<String> problems) {
        JsonNode value = node.get(key);
        if (value == null) {
            problems.add("'" + key + "' is missing");
            return null;
        }
        if (!value.isString() || value.stringValue().isEmpty()) {
            problems.add("'" + key + "' is not a non-empty string");
            return null;
        }
        return value.stringValue();
    }

    private static void checkInstant(JsonNode node, String key, List<String> problems) {
        String at = string(node, key, problems);
        if (at == null) {
            return;
        }
        try {
            if (!UTC_INSTANT.matcher(at).matches()) {
                throw new DateTimeParseException("not in the form", at, 0);
            }
            Instant.parse(at);
        } catch (DateTimeParseException e) {
            problems.add("'" + key + "' is not an ISO-8601 UTC instant such as 2026-11-27T02:15:00.123Z: " + at);
        }
    }

    /** Checks the keys of the four known events; returns what an ACCEPTED entry says about its envelope. */
    private static LedgerEntry.@Nullable Accepted checkEvent(int position, @Nullable Long seq, String event, JsonNode node,
                                                            Report report) {
        List<String> problems = new ArrayList<>();
        LedgerEntry.Accepted accepted = null;
        switch (event) {
            case LedgerEntry.ACCEPTED -> accepted = accepted(seq, node, problems);
            case LedgerEntry.TAKEN -> {
                string(node, "envelope", problems);
                string(node, "by", problems);
            }
            case LedgerEntry.OVERDUE -> {
                String scope = string(node, "scope", problems);
                if (scope != null && !OVERDUE_SCOPES.contains(scope)) {
                    problems.add("'scope' is neither STEP nor DOSSIER: " + scope);
                }
                string(node, "agency", problems);
                if (node.has("envelope")) {
                    string(node, "envelope", problems);
                }
                checkInstant(node, "dueAt", problems);
            }
            case LedgerEntry.APOLOGY_OWED -> {
                string(node, "agency", problems);
                string(node, "reason", problems);
            }
            default -> {
                // Unknown events are accepted: only their common keys are checked.
            }
        }
        if (!problems.isEmpty()) {
            report.fail(FindingCode.LEDGER_EVENT_INVALID, "entry " + position + " (" + event + "): " + String.join("; ", problems));
        }
        return accepted;
    }

    private static LedgerEntry.@Nullable Accepted accepted(@Nullable Long seq, JsonNode node, List<String> problems) {
        String envelope = string(node, "envelope", problems);
        String digest = string(node, "envelopeSha256", problems);
        byte[] sha256 = null;
        if (digest != null) {
            try {
                sha256 = Base64.getDecoder().decode(digest);
            } catch (IllegalArgumentException e) {
                sha256 = new byte[0];
            }
            if (sha256.length != 32) {
                problems.add("'envelopeSha256' is not the base64 of a 32-byte SHA-256: " + digest);
            }
        }
        string(node, "kind", problems);
        String from = string(node, "from", problems);
        List<String> to = new ArrayList<>();
        JsonNode recipients = node.get("to");
        if (recipients == null || !recipients.isArray() || recipients.isEmpty()) {
            problems.add("'to' is not a non-empty array of agency codes");
        } else {
            for (JsonNode recipient : recipients) {
                if (recipient.isString() && !recipient.stringValue().isEmpty()) {
                    to.add(recipient.stringValue());
                } else {
                    problems.add("'to' holds something other than an agency code: " + recipient);
                }
            }
        }
        JsonNode status = node.get("status");
        if (status != null && !(status.isIntegralNumber() && status.canConvertToInt() && status.asInt() >= 1 && status.asInt() <= 10)) {
            problems.add("'status' is not a national dossier status from 1 to 10: " + status);
        }
        if (seq == null || envelope == null || sha256 == null || sha256.length != 32) {
            return null; // the envelope cannot be looked for; the problems are reported
        }
        return new LedgerEntry.Accepted(seq, envelope, sha256, from, to);
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
