package vn.lienthong.bench.micro;

import java.time.Instant;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.w3c.dom.Document;
import vn.lienthong.bench.DossierEnvelopes;
import vn.lienthong.client.EnvelopeSigning;
import vn.lienthong.core.envelope.Envelope;
import vn.lienthong.core.envelope.EnvelopeBytes;
import vn.lienthong.core.envelope.EnvelopeReader;
import vn.lienthong.xml.SecureXml;

/** One signed ~5 KB dossier envelope, as bytes, as a parsed DOM and as the gateway's model of it. */
@State(Scope.Benchmark)
public class SignedEnvelope {

    byte[] bytes;
    Document document;
    Envelope envelope;
    EnvelopeBytes envelopeBytes;

    @Setup
    public void sign() {
        byte[] unsigned = new DossierEnvelopes(1).handoff("bench-0001", "000.00.01.H53", "000.01.12.H53",
                "000.00.01.H53-20261127-0000001");
        bytes = new EnvelopeSigning(Keys.SENDER).sign(unsigned);
        document = new SecureXml().parse(bytes);
        envelope = new EnvelopeReader().read(document);
        envelopeBytes = EnvelopeBytes.of(bytes);
    }

    Instant now() {
        return Instant.now();
    }
}
