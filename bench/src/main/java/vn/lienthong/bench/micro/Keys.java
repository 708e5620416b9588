package vn.lienthong.bench.micro;

import java.time.Duration;
import vn.lienthong.signature.DemoCertificateAuthority;
import vn.lienthong.signature.DemoCertificateAuthority.KeyType;
import vn.lienthong.signature.SigningKey;

/** Throwaway demo keys for one benchmark JVM: an agency's and the gateway's, both RSA-2048 as in the demo. */
final class Keys {

    private static final DemoCertificateAuthority CA = DemoCertificateAuthority.create("lienthong bench CA", Duration.ofDays(1));

    static final SigningKey SENDER = CA.issueSigningKey("000.00.01.H53", "bench sender", KeyType.RSA_2048, Duration.ofDays(1));
    static final SigningKey GATEWAY = CA.issueSigningKey("lienthong-bench", "bench gateway", KeyType.RSA_2048, Duration.ofDays(1));
    static final SigningKey SENDER_EC = CA.issueSigningKey("000.00.05.H53", "bench sender", KeyType.EC_P256, Duration.ofDays(1));

    private Keys() {
    }
}
