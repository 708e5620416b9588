package vn.lienthong.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertAll;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import vn.lienthong.client.GatewayClient;
import vn.lienthong.core.error.ErrorCode;

/**
 * Mutated envelopes for a bounded budget: every answer is a receipt or a clean 4xx problem,
 * and afterwards the gateway is healthy and still delivers.
 *
 * <p>The mutations are random but seeded. The seed is printed and {@code -Dfuzz.seed=<seed>}
 * replays the same choices; the envelope they apply to is signed afresh on each run, with a new
 * key and id, so each bad answer is also reported with the exact bytes that got it (base64).
 */
class FuzzIT {

    private static final int MAX_MUTANTS = 300;
    /** Bounds the test's duration on a slow or busy machine; how many mutants fit is not asserted. */
    private static final Duration BUDGET = Duration.ofSeconds(20);
    /** A refusal takes milliseconds; a mutant that gets no answer in this time has hung the gateway. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Set<String> CODES = Arrays.stream(ErrorCode.values()).map(Enum::name)
            .collect(Collectors.toUnmodifiableSet());

    private final TestGateway gateway = SharedGateway.gateway();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(REQUEST_TIMEOUT).build();

    /**
     * Sends up to 300 mutants of a signed envelope (20 s at most) as the desk / result: each a 202 or a
     * clean 4xx; the gateway stays healthy and delivers.
     */
    @Test
    void mutatedEnvelopesGetCleanAnswersAndTheGatewayStaysHealthy() {
        long seed = Long.getLong("fuzz.seed", new SecureRandom().nextLong());
        System.out.println("FuzzIT seed " + seed + " (replay with -Dfuzz.seed=" + seed + ")");
        Mutator mutator = new Mutator(new Random(seed));
        // A component gives the content check something to refuse, besides parsing, schema and signature.
        byte[] original = gateway.sign(TestGateway.DESK, TestEnvelopes.handoff().to(TestGateway.FINANCE)
                .component("đơn đề nghị.pdf", TestEnvelopes.utf8("%PDF-1.7 đơn đề nghị đăng ký biến động"))
                .xml());

        List<String> badAnswers = new ArrayList<>();
        // How far the mutants got (202 or the refusal's code) shows whether they reach the later checks at all.
        Map<String, Integer> outcomes = new TreeMap<>();
        long deadline = System.nanoTime() + BUDGET.toNanos();
        int sent = 0;
        while (sent < MAX_MUTANTS && System.nanoTime() < deadline) {
            Mutant mutant = mutator.mutate(original);
            Answer answer = judge(mutant.bytes());
            outcomes.merge(answer.outcome(), 1, Integer::sum);
            if (answer.bad() != null) {
                badAnswers.add("mutant " + sent + " (" + mutant.description() + "): " + answer.bad() + "\n    input, base64: "
                        + Base64.getEncoder().encodeToString(mutant.bytes()));
            }
            sent++;
        }
        System.out.println("FuzzIT sent " + sent + " mutants: " + outcomes);

        int mutants = sent;
        assertAll(
                () -> {
                    if (!badAnswers.isEmpty()) {
                        throw new AssertionError(badAnswers.size() + " of " + mutants + " mutants got a bad answer (seed "
                                + seed + ", replay with -Dfuzz.seed=" + seed + "):\n" + String.join("\n", badAnswers));
                    }
                },
                this::assertHealthy,
                this::assertStillDelivers);
    }

    /** Submits a mutant as the desk and judges the answer: a receipt or a clean refusal, or else what is wrong with it. */
    private Answer judge(byte[] mutant) {
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(gateway.baseUri() + "/api/v1/envelopes"))
                    .timeout(REQUEST_TIMEOUT)
                    .header("Authorization", "Bearer " + gateway.token(TestGateway.DESK))
                    .header("Content-Type", "application/xml")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(mutant)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            return new Answer("no answer", "no answer within " + REQUEST_TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            return new Answer("no answer", "no answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        int status = response.statusCode();
        String outcome = "status " + status;
        if (status == 202) {
            return new Answer("202", null);
        }
        if (status < 400 || status > 499) {
            return new Answer(outcome, outcome + " " + response.body());
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("none");
        if (!contentType.equals("application/problem+json")) {
            return new Answer(outcome, outcome + " with Content-Type " + contentType + ": " + response.body());
        }
        JsonNode problem;
        try {
            problem = TestHttp.JSON.readTree(response.body());
        } catch (JacksonException e) {
            return new Answer(outcome, outcome + " with a problem that is not JSON: " + response.body());
        }
        String code = problem.path("code").stringValue("");
        if (!CODES.contains(code)) {
            return new Answer(outcome, outcome + " with a code not in the catalogue: " + response.body());
        }
        if (ErrorCode.valueOf(code).httpStatus() != status || problem.path("status").asInt(-1) != status) {
            return new Answer(code, outcome + " for " + code + ", which the catalogue gives "
                    + ErrorCode.valueOf(code).httpStatus() + ": " + response.body());
        }
        return new Answer(code, null);
    }

    private void assertHealthy() throws IOException, InterruptedException {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(gateway.baseUri() + "/actuator/health"))
                .timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(TestHttp.JSON.readTree(health.body()).path("status").stringValue("")).as(health.body())
                .isIn("UP", "WARNING");
    }

    private void assertStillDelivers() {
        TestEnvelopes.Builder envelope = TestEnvelopes.handoff().to(TestGateway.FINANCE);
        HttpResponse<String> response = TestHttp.submit(gateway, TestGateway.DESK, gateway.sign(TestGateway.DESK, envelope.xml()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        GatewayClient finance = gateway.client(TestGateway.FINANCE);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> finance.inbox(500).stream().anyMatch(item -> item.envelopeId().equals(envelope.id())));
    }

    private record Mutant(byte[] bytes, String description) {
    }

    /** How a submission ended (202, a problem code, a bad status), and what was wrong with the answer, if anything. */
    private record Answer(String outcome, @Nullable String bad) {
    }

    /** A change to an envelope's bytes; it says what it did, so a bad answer can be understood without replaying it. */
    private interface Mutation {
        Mutant apply(byte[] input, Random random);
    }

    /** Applies one mutation to most mutants and two or three to the rest, chosen with the seeded random. */
    private static final class Mutator {

        /** Snippets of XML syntax and of hostile input, inserted anywhere. */
        private static final List<byte[]> SNIPPETS = List.of(
                utf8("<!DOCTYPE x>"),
                utf8("<!DOCTYPE Envelope [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"),
                utf8("&amp;"), utf8("&x;"), utf8("&#0;"), utf8("&#x10FFFF;"), utf8("&#xD800;"),
                utf8("<![CDATA["), utf8("]]>"), utf8("<![CDATA[<x>]]>"),
                utf8("<?pi?>"), utf8("<?xml version=\"1.0\"?>"), utf8("<!--"), utf8("-->"), utf8("<!-- c -->"),
                utf8("<x>".repeat(70) + "</x>".repeat(70)),
                utf8("<x xmlns=\"urn:x\"/>"), utf8(" a=\"b\""), utf8(" xmlns:p=\"urn:p\""),
                utf8("<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"file:///etc/passwd\"/>"),
                utf8("<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"/>"),
                utf8("<Envelope xmlns=\"urn:lienthong:envelope:v1\">"), utf8("</Envelope>"),
                utf8("\u0000"), new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                new byte[] {(byte) 0xFF, (byte) 0xFE});
        /** Text values that the schema may accept but that stress what reads them. */
        private static final List<String> VALUES = List.of("", " ", "0", "-1", "+1", "007", "99999999999999999999",
                "2026-11-27T24:00:00+07:00", "12026-11-27T09:15:00Z", "NaN", "&amp;", "&#0;", "x".repeat(3000),
                "ễ".repeat(200), " handoff ", "000.00.01.H53 ", "urn:x y");
        private static final byte[] INTERESTING_BYTES = {0x00, 0x09, 0x0A, 0x20, '<', '>', '&', '"', '\'', '=', '/',
                (byte) 0x80, (byte) 0xC0, (byte) 0xFF};
        private static final Pattern TEXT = Pattern.compile(">([^<>]+)</");
        private static final Pattern START_TAG = Pattern.compile("<([A-Za-z][\\w.:-]*)(?:\\s[^>]*)?(?<!/)>");
        private static final Pattern CONTENT = Pattern.compile("<Content>([^<]*)</Content>");

        private final Random random;
        private final List<Mutation> mutations = List.of(
                Mutator::flipBit, Mutator::replaceByte, Mutator::insertRandomBytes, Mutator::deleteRange,
                Mutator::duplicateRange, Mutator::truncate, Mutator::swapRanges, Mutator::insertSnippet,
                Mutator::insertSnippetAfterTag, Mutator::replaceText, Mutator::replaceContent,
                Mutator::deleteElement, Mutator::whitespaceInTag);

        Mutator(Random random) {
            this.random = random;
        }

        Mutant mutate(byte[] original) {
            int count = random.nextInt(10) < 7 ? 1 : 2 + random.nextInt(2);
            byte[] bytes = original;
            List<String> done = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Mutant step = mutations.get(random.nextInt(mutations.size())).apply(bytes, random);
                bytes = step.bytes();
                done.add(step.description());
            }
            return new Mutant(bytes, String.join(", then ", done));
        }

        private static Mutant flipBit(byte[] input, Random random) {
            if (input.length == 0) {
                return new Mutant(input, "flip no bit of an empty body");
            }
            byte[] out = input.clone();
            int at = random.nextInt(out.length);
            int bit = random.nextInt(8);
            out[at] ^= (byte) (1 << bit);
            return new Mutant(out, "flip bit " + bit + " at " + at);
        }

        private static Mutant replaceByte(byte[] input, Random random) {
            if (input.length == 0) {
                return new Mutant(input, "replace no byte of an empty body");
            }
            byte[] out = input.clone();
            int at = random.nextInt(out.length);
            out[at] = random.nextBoolean() ? INTERESTING_BYTES[random.nextInt(INTERESTING_BYTES.length)]
                    : (byte) random.nextInt(256);
            return new Mutant(out, "set byte " + at + " to 0x" + Integer.toHexString(out[at] & 0xFF));
        }

        private static Mutant insertRandomBytes(byte[] input, Random random) {
            byte[] inserted = new byte[1 + random.nextInt(16)];
            random.nextBytes(inserted);
            int at = random.nextInt(input.length + 1);
            return new Mutant(splice(input, at, at, inserted), "insert " + inserted.length + " random bytes at " + at);
        }

        private static Mutant deleteRange(byte[] input, Random random) {
            int[] range = range(input, random);
            return new Mutant(splice(input, range[0], range[1], new byte[0]), "delete bytes " + range[0] + ".." + range[1]);
        }

        private static Mutant duplicateRange(byte[] input, Random random) {
            int[] range = range(input, random);
            return new Mutant(splice(input, range[1], range[1], Arrays.copyOfRange(input, range[0], range[1])),
                    "duplicate bytes " + range[0] + ".." + range[1]);
        }

        private static Mutant truncate(byte[] input, Random random) {
            int length = random.nextInt(input.length + 1);
            return new Mutant(Arrays.copyOf(input, length), "truncate to " + length + " bytes");
        }

        private static Mutant swapRanges(byte[] input, Random random) {
            if (input.length < 2) {
                return new Mutant(input, "swap nothing in a body of " + input.length + " bytes");
            }
            int cut = 1 + random.nextInt(input.length - 1);
            int firstStart = random.nextInt(cut);
            int firstEnd = firstStart + 1 + random.nextInt(Math.min(64, cut - firstStart));
            int secondStart = cut + random.nextInt(input.length - cut);
            int secondEnd = secondStart + 1 + random.nextInt(Math.min(64, input.length - secondStart));
            ByteArrayOutputStream out = new ByteArrayOutputStream(input.length);
            out.write(input, 0, firstStart);
            out.write(input, secondStart, secondEnd - secondStart);
            out.write(input, firstEnd, secondStart - firstEnd);
            out.write(input, firstStart, firstEnd - firstStart);
            out.write(input, secondEnd, input.length - secondEnd);
            return new Mutant(out.toByteArray(),
                    "swap bytes " + firstStart + ".." + firstEnd + " with " + secondStart + ".." + secondEnd);
        }

        private static Mutant insertSnippet(byte[] input, Random random) {
            byte[] snippet = SNIPPETS.get(random.nextInt(SNIPPETS.size()));
            int at = random.nextInt(input.length + 1);
            return new Mutant(splice(input, at, at, snippet), "insert " + quote(snippet) + " at " + at);
        }

        /** Inserting where markup may stand keeps more mutants well-formed, so they reach the later checks. */
        private static Mutant insertSnippetAfterTag(byte[] input, Random random) {
            List<Integer> ends = positionsAfter(input, (byte) '>');
            if (ends.isEmpty()) {
                return insertSnippet(input, random);
            }
            byte[] snippet = SNIPPETS.get(random.nextInt(SNIPPETS.size()));
            int at = ends.get(random.nextInt(ends.size()));
            return new Mutant(splice(input, at, at, snippet), "insert " + quote(snippet) + " after the tag ending at " + at);
        }

        private static Mutant replaceText(byte[] input, Random random) {
            String text = latin1(input);
            List<int[]> values = groups(TEXT.matcher(text));
            if (values.isEmpty()) {
                return insertSnippet(input, random);
            }
            int[] value = values.get(random.nextInt(values.size()));
            String replacement = VALUES.get(random.nextInt(VALUES.size()));
            return new Mutant(splice(input, value[0], value[1], utf8(replacement)),
                    "replace the text at " + value[0] + ".." + value[1] + " with " + quote(utf8(replacement)));
        }

        private static Mutant replaceContent(byte[] input, Random random) {
            Matcher content = CONTENT.matcher(latin1(input));
            if (!content.find()) {
                return replaceText(input, random);
            }
            byte[] bytes = new byte[random.nextInt(64)];
            random.nextBytes(bytes);
            String base64 = Base64.getEncoder().encodeToString(bytes);
            String replacement = switch (random.nextInt(5)) {
                case 0 -> base64;
                case 1 -> "!!!notbase64***";
                case 2 -> base64.isEmpty() ? "="
                        : base64.substring(0, base64.length() / 2) + "*" + base64.substring(base64.length() / 2);
                case 3 -> Base64.getMimeEncoder().encodeToString(bytes) + "\n";
                default -> "";
            };
            return new Mutant(splice(input, content.start(1), content.end(1), utf8(replacement)),
                    "replace the component content with " + quote(utf8(replacement)));
        }

        /** Cuts out one whole element, start tag to the first end tag of its name, such as a Reference in the signature. */
        private static Mutant deleteElement(byte[] input, Random random) {
            String text = latin1(input);
            Matcher start = START_TAG.matcher(text);
            List<int[]> elements = new ArrayList<>();
            while (start.find()) {
                int end = text.indexOf("</" + start.group(1) + ">", start.end());
                if (end >= 0) {
                    elements.add(new int[] {start.start(), end + start.group(1).length() + 3});
                }
            }
            if (elements.isEmpty()) {
                return deleteRange(input, random);
            }
            int[] element = elements.get(random.nextInt(elements.size()));
            return new Mutant(splice(input, element[0], element[1], new byte[0]),
                    "delete the element at " + element[0] + ".." + element[1]);
        }

        /** Whitespace before a tag's closing bracket is not part of the signed canonical form: such mutants may be accepted. */
        private static Mutant whitespaceInTag(byte[] input, Random random) {
            List<Integer> ends = new ArrayList<>();
            for (int i = 1; i < input.length; i++) {
                if (input[i] == '>' && input[i - 1] != '-' && input[i - 1] != ']') {
                    ends.add(input[i - 1] == '/' || input[i - 1] == '?' ? i - 1 : i);
                }
            }
            if (ends.isEmpty()) {
                return insertSnippet(input, random);
            }
            int at = ends.get(random.nextInt(ends.size()));
            byte[] whitespace = random.nextBoolean() ? utf8(" ") : utf8("\n\t ");
            return new Mutant(splice(input, at, at, whitespace), "insert whitespace at " + at + " inside a tag");
        }

        private static int[] range(byte[] input, Random random) {
            if (input.length == 0) {
                return new int[] {0, 0};
            }
            int start = random.nextInt(input.length);
            // Mostly small cuts, which leave the document recognisable; sometimes large ones.
            int max = random.nextInt(10) == 0 ? input.length - start : Math.min(64, input.length - start);
            return new int[] {start, start + 1 + random.nextInt(max)};
        }

        private static List<Integer> positionsAfter(byte[] input, byte marker) {
            List<Integer> positions = new ArrayList<>();
            for (int i = 0; i < input.length; i++) {
                if (input[i] == marker) {
                    positions.add(i + 1);
                }
            }
            return positions;
        }

        private static List<int[]> groups(Matcher matcher) {
            List<int[]> found = new ArrayList<>();
            while (matcher.find()) {
                found.add(new int[] {matcher.start(1), matcher.end(1)});
            }
            return found;
        }

        private static byte[] splice(byte[] input, int from, int to, byte[] replacement) {
            byte[] out = new byte[input.length - (to - from) + replacement.length];
            System.arraycopy(input, 0, out, 0, from);
            System.arraycopy(replacement, 0, out, from, replacement.length);
            System.arraycopy(input, to, out, from + replacement.length, input.length - to);
            return out;
        }

        /** One char per byte, so that match positions are byte positions whatever the bytes are. */
        private static String latin1(byte[] bytes) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }

        private static String quote(byte[] snippet) {
            String text = new String(snippet, StandardCharsets.UTF_8);
            return "'" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'";
        }

        private static byte[] utf8(String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
    }
}
