package vn.lienthong.client.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.lienthong.client.edxml.DossierEdxml;

@Command(name = "from-envelope", mixinStandardHelpOptions = true,
        description = {"Convert a dossier envelope to the edXML document that carries it.",
                "The result is unsigned: sign it with 'lienthong sign' (the signature goes in edXMLHeader)."})
final class EdxmlFromEnvelopeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "ENVELOPE", description = "The envelope XML (signed or not; its signature does not carry over).")
    Path in = Path.of("");

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "Where to write the edXML document.")
    Path out = Path.of("");

    @Override
    public Integer call() throws Exception {
        EdxmlConversion.convert(in, out, new DossierEdxml()::toEdxml);
        System.out.println("converted " + in + " -> " + out + " (edXML, unsigned)");
        return ExitCodes.OK;
    }
}
