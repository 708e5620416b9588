package vn.lienthong.client.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vn.lienthong.client.evidence.BundleLimits;
import vn.lienthong.client.evidence.CheckResult;
import vn.lienthong.client.evidence.EvidenceBundleVerifier;
import vn.lienthong.client.evidence.Finding;
import vn.lienthong.client.evidence.GatewayTrust;
import vn.lienthong.client.evidence.Verdict;
import vn.lienthong.signature.PemCertificates;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verify a dossier's evidence bundle offline: the signed ledger head, the hash chain of the ledger, "
                + "and each accepted envelope and its receipt. Prints one line per check and a summary.",
                "Without --gateway-cert or --trust, trust rests on the certificate inside the bundle."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  every check passed", "  2  wrong command line",
                "  5  the bundle or a certificate file could not be read, or is not a zip",
                "  6  the bundle did not verify: tampered, incomplete, or not the pinned gateway's"})
final class VerifyEvidenceCommand implements Callable<Integer> {

    @Spec
    @Nullable CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BUNDLE", description = "The evidence bundle (zip).")
    Path bundle = Path.of("");

    @Option(names = "--gateway-cert", paramLabel = "PEM",
            description = "The gateway's certificate(s) to pin: GET /api/v1/gateway/certificate, data/keys/gateway.pem in "
                    + "the demo; add earlier ones to the file if receipts predate a key change.")
    @Nullable Path gatewayCertificates;

    @Option(names = "--trust", paramLabel = "PEM",
            description = "CA certificate(s) the gateway's certificate must chain to (revocation is not checked).")
    @Nullable Path trustAnchors;

    @Option(names = "--max-entry-size", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Largest entry read, uncompressed, such as 512MB (default 512MB).")
    long maxEntrySize = BundleLimits.DEFAULT.maxEntrySize();

    @Option(names = "--max-total-size", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Most bytes read from all entries, uncompressed, such as 2GB (default 2GB).")
    long maxTotalSize = BundleLimits.DEFAULT.maxTotalSize();

    @Override
    public Integer call() throws Exception {
        GatewayTrust trust = new GatewayTrust(certificates(gatewayCertificates), certificates(trustAnchors));
        BundleLimits limits = BundleLimits.DEFAULT.withMaxEntrySize(maxEntrySize).withMaxTotalSize(maxTotalSize);
        Verdict verdict = new EvidenceBundleVerifier(trust, limits).verify(bundle);
        print(verdict, out());
        return verdict.verified() ? ExitCodes.OK : ExitCodes.EVIDENCE_INVALID;
    }

    private static List<X509Certificate> certificates(@Nullable Path pem) {
        if (pem == null) {
            return List.of();
        }
        List<X509Certificate> certificates = PemCertificates.read(pem);
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException(pem + " holds no certificate");
        }
        return certificates;
    }

    /** One line per check, a line per finding of a failed check, then the summary. */
    static void print(Verdict verdict, PrintWriter out) {
        for (CheckResult check : verdict.checks()) {
            String label = String.format("%-8s %-20s ", check.status(), check.check().label());
            if (check.findings().isEmpty()) {
                out.println(label + check.summary());
            }
            for (Finding finding : check.findings()) {
                out.println(label + finding.code() + ": " + finding.message());
            }
        }
        out.println(verdict.summary());
        out.flush();
    }

    private PrintWriter out() {
        return spec == null ? new PrintWriter(System.out, true) : spec.commandLine().getOut();
    }

    /** Sizes such as {@code 1048576}, {@code 64KB}, {@code 512MB}, {@code 2GB} (binary multiples). */
    static final class SizeConverter implements CommandLine.ITypeConverter<Long> {

        private static final Pattern SIZE = Pattern.compile("(\\d{1,15})\\s*([KMG]I?B?|B)?");

        @Override
        public Long convert(String value) {
            Matcher matcher = SIZE.matcher(value.strip().toUpperCase(Locale.ROOT));
            if (!matcher.matches()) {
                throw new CommandLine.TypeConversionException("not a size such as 512MB: " + value);
            }
            long number = Long.parseLong(matcher.group(1));
            String unit = matcher.group(2) == null ? "B" : matcher.group(2);
            int shift = switch (unit.charAt(0)) {
                case 'K' -> 10;
                case 'M' -> 20;
                case 'G' -> 30;
                default -> 0;
            };
            if (number == 0 || Long.numberOfLeadingZeros(number) <= shift) {
                throw new CommandLine.TypeConversionException("size out of range: " + value);
            }
            return number << shift;
        }
    }
}
