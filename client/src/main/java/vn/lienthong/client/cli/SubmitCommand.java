package vn.lienthong.client.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.lienthong.client.GatewayClient;

@Command(name = "submit", mixinStandardHelpOptions = true,
        description = {"Submit a signed envelope (or edXML document); saves or prints the gateway's signed receipt.",
                "Over REST by default, over the SOAP exchange service with --soap. Unanswered, busy or failing (5xx) "
                        + "submissions are sent again, the same bytes, up to --attempts: the gateway answers a repeat "
                        + "with the first receipt."})
final class SubmitCommand implements Callable<Integer> {

    @Mixin
    GatewayOptions gateway = new GatewayOptions();

    @Parameters(index = "0", paramLabel = "SIGNED_ENVELOPE", description = "The signed envelope, sent byte for byte.")
    Path envelope = Path.of("");

    @Option(names = {"-r", "--receipt"}, paramLabel = "FILE", description = "Where to save the receipt (default: print it).")
    @Nullable Path receipt;

    @Option(names = "--soap", description = "Submit with SubmitEnvelope on /services/exchange, the envelope as an MTOM attachment.")
    boolean soap;

    @Override
    public Integer call() throws Exception {
        GatewayClient.Submitted submitted = gateway.client().submit(Files.readAllBytes(envelope),
                soap ? GatewayClient.Protocol.SOAP : GatewayClient.Protocol.REST);
        if (receipt == null) {
            System.out.write(submitted.receipt());
            System.out.println();
        } else {
            Files.write(receipt, submitted.receipt());
            System.out.println((submitted.replayed() ? "already accepted earlier; receipt again -> " : "accepted; receipt -> ")
                    + receipt);
        }
        return ExitCodes.OK;
    }
}
