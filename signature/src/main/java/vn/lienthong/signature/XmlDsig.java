package vn.lienthong.signature;

import java.util.Set;
import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.transforms.Transforms;

/** Identifiers of the XML-DSig profile, and the one-time initialisation of Apache Santuario. */
final class XmlDsig {

    static final String NAMESPACE = "http://www.w3.org/2000/09/xmldsig#";

    /** Canonicalisation methods accepted for SignedInfo and as reference transforms. */
    static final Set<String> CANONICALIZATIONS = Set.of(
            Canonicalizer.ALGO_ID_C14N_OMIT_COMMENTS,
            Canonicalizer.ALGO_ID_C14N_WITH_COMMENTS,
            Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS,
            Canonicalizer.ALGO_ID_C14N_EXCL_WITH_COMMENTS,
            Canonicalizer.ALGO_ID_C14N11_OMIT_COMMENTS,
            Canonicalizer.ALGO_ID_C14N11_WITH_COMMENTS);

    static final String ENVELOPED = Transforms.TRANSFORM_ENVELOPED_SIGNATURE;

    static {
        org.apache.xml.security.Init.init();
    }

    private XmlDsig() {
    }

    /** Forces the static initialiser; Santuario must be initialised before any other call into it. */
    static void init() {
        // the static block does the work once per class loader
    }
}
