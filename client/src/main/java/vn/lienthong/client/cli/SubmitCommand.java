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
        description = "Submit a signed envelope; saves or prints the gateway's signed receipt.")
final class SubmitCommand implements Callable<Integer> {

    @Mixin
    GatewayOptions gateway = new GatewayOptions();

    @Parameters(index = "0", paramLabel = "SIGNED_ENVELOPE", description = "The signed envelope, sent byte for byte.")
    Path envelope = Path.of("");

    @Option(names = {"-r", "--receipt"}, paramLabel = "FILE", description = "Where to save the receipt (default: print it).")
    @Nullable Path receipt;

    @Override
    public Integer call() throws Exception {
        GatewayClient.Submitted submitted = gateway.client().submit(Files.readAllBytes(envelope));
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
