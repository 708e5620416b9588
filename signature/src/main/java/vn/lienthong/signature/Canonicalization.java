package vn.lienthong.signature;

import org.apache.xml.security.c14n.Canonicalizer;

/** Canonicalisation methods a signer may choose; the verifier accepts these and their with-comments variants. */
public enum Canonicalization {
    /** Exclusive C14N: the recommended choice, robust when the envelope is embedded elsewhere. */
    EXCLUSIVE(Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS),
    /** Inclusive C14N 1.0, as older department systems use. */
    INCLUSIVE(Canonicalizer.ALGO_ID_C14N_OMIT_COMMENTS);

    private final String uri;

    Canonicalization(String uri) {
        this.uri = uri;
    }

    public String uri() {
        return uri;
    }
}
