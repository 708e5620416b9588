package vn.lienthong.client.cli;

/** Exit codes of every command, stable for scripts. */
final class ExitCodes {

    static final int OK = 0;
    /** The command line was wrong (picocli's own code). */
    static final int USAGE = 2;
    /** The gateway refused the request; its problem code is printed. */
    static final int REFUSED = 3;
    /** A signature or receipt did not verify. */
    static final int NOT_VERIFIED = 4;
    /** A file could not be read or written, or the gateway could not be reached. */
    static final int IO = 5;
    /**
     * An evidence bundle did not verify: tampered with, incomplete, or not signed by the gateway
     * the caller pinned or trusts. Each failed check is printed with its finding code.
     */
    static final int EVIDENCE_INVALID = 6;
    /** The input cannot be converted (edxml): not well-formed, not valid, or not dossier traffic. */
    static final int INPUT_INVALID = 7;

    private ExitCodes() {
    }
}
