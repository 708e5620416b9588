package vn.lienthong.client.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.lienthong.client.edxml.DossierEdxml;

@Command(name = "to-envelope", mixinStandardHelpOptions = true,
        description = {"Convert an edXML document carrying lienthong dossier traffic back to its dossier envelope.",
                "The result is unsigned: sign it with 'lienthong sign'."})
final class EdxmlToEnvelopeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "EDXML", description = "The edXML document (signed or not).")
    Path in = Path.of("");

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "Where to write the envelope.")
    Path out = Path.of("");

    @Override
    public Integer call() throws Exception {
        EdxmlConversion.convert(in, out, new DossierEdxml()::toEnvelope);
        System.out.println("converted " + in + " -> " + out + " (envelope, unsigned)");
        return ExitCodes.OK;
    }
}
