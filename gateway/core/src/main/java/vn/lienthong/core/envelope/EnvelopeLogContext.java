package vn.lienthong.core.envelope;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * The envelope a thread is working on, in the logging MDC: set by the submission flow on the
 * caller's thread and by the delivery flow on the broker consumer's, so that every line either
 * logs, down to the push clients, names the envelope and its dossier. The keys are the field
 * names the structured logs show. Ids only: never content.
 */
public final class EnvelopeLogContext {

    public static final String ENVELOPE_ID = "envelopeId";
    public static final String DOSSIER_CODE = "dossierCode";

    private EnvelopeLogContext() {
    }

    public static void put(String envelopeId, @Nullable String dossierCode) {
        MDC.put(ENVELOPE_ID, envelopeId);
        if (dossierCode != null) {
            MDC.put(DOSSIER_CODE, dossierCode);
        }
    }

    public static void clear() {
        MDC.remove(ENVELOPE_ID);
        MDC.remove(DOSSIER_CODE);
    }
}
