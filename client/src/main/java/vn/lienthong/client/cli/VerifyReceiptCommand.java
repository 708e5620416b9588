package vn.lienthong.client.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.lienthong.client.ReceiptVerification;
import vn.lienthong.signature.PemCertificates;

@Command(name = "verify-receipt", mixinStandardHelpOptions = true,
        description = "Verify a receipt offline: signed by the gateway, and for exactly this envelope.")
final class VerifyReceiptCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RECEIPT", description = "The receipt XML.")
    Path receipt = Path.of("");

    @Option(names = "--gateway-cert", required = true, paramLabel = "PEM",
            description = "The gateway's certificate (GET /api/v1/gateway/certificate; data/keys/gateway.pem in the demo).")
    Path gatewayCertificate = Path.of("");

    @Option(names = "--envelope", paramLabel = "FILE", description = "The signed envelope the receipt should be for.")
    @Nullable Path envelope;

    @Override
    public Integer call() throws Exception {
        var certificates = PemCertificates.read(gatewayCertificate);
        if (certificates.size() != 1) {
            throw new IllegalArgumentException(gatewayCertificate + " must hold one certificate");
        }
        ReceiptVerification.VerifiedReceipt verified = new ReceiptVerification(certificates.get(0))
                .verify(Files.readAllBytes(receipt), envelope == null ? null : Files.readAllBytes(envelope));
        for (String line : List.of(
                "receipt verified: signed by the gateway '" + verified.gateway() + "'",
                "  envelope     " + verified.envelopeId() + " from " + verified.sender(),
                "  received at  " + verified.receivedAt(),
                "  SHA-256      " + verified.envelopeSha256() + (envelope == null ? "" : " (matches " + envelope + ")"))) {
            System.out.println(line);
        }
        return ExitCodes.OK;
    }
}
