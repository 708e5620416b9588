package vn.lienthong.bench.micro;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The floors: plain JCA signatures over a SignedInfo-sized message, nothing of XML. The
 * envelope path cannot be cheaper than one verify and one sign. P-256 is measured too, as
 * one agency of the demo signs with it and the receipt algorithm is a choice.
 */
@State(Scope.Thread)
public class RawFloorBenchmarks {

    /** About the size of a canonicalised SignedInfo. */
    private final byte[] message = new byte[600];
    private byte[] rsaSignature;
    private byte[] ecSignature;
    private PrivateKey rsaPrivate;
    private PublicKey rsaPublic;
    private PrivateKey ecPrivate;
    private PublicKey ecPublic;

    @Setup
    public void setUp() throws Exception {
        new Random(7).nextBytes(message);
        rsaPrivate = Keys.SENDER.privateKey();
        rsaPublic = Keys.SENDER.certificate().getPublicKey();
        ecPrivate = Keys.SENDER_EC.privateKey();
        ecPublic = Keys.SENDER_EC.certificate().getPublicKey();
        rsaSignature = rsaSign();
        ecSignature = ecdsaSign();
    }

    @Benchmark
    public boolean rsaVerify() throws Exception {
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(rsaPublic);
        verifier.update(message);
        return verifier.verify(rsaSignature);
    }

    @Benchmark
    public byte[] rsaSign() throws Exception {
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(rsaPrivate);
        signer.update(message);
        return signer.sign();
    }

    @Benchmark
    public boolean ecdsaVerify() throws Exception {
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(ecPublic);
        verifier.update(message);
        return verifier.verify(ecSignature);
    }

    @Benchmark
    public byte[] ecdsaSign() throws Exception {
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(ecPrivate);
        signer.update(message);
        return signer.sign();
    }
}
