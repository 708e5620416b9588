package vn.lienthong.client.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import vn.lienthong.client.GatewayClient;

@Command(name = "ack", mixinStandardHelpOptions = true,
        description = "Acknowledge an inbox envelope: the agency has taken it. Safe to repeat.")
final class AckCommand implements Callable<Integer> {

    @Mixin
    GatewayOptions gateway = new GatewayOptions();

    @Parameters(index = "0", paramLabel = "ENVELOPE_ID")
    String envelopeId = "";

    @Override
    public Integer call() throws Exception {
        GatewayClient.Acknowledgement ack = gateway.client().acknowledge(envelopeId);
        System.out.println("taken by " + ack.recipient() + " at " + ack.takenAt());
        return ExitCodes.OK;
    }
}
