package vn.lienthong.client.evidence;

/**
 * One thing in the bundle that does not verify.
 *
 * @param code stable, for scripts and tests
 * @param message what is wrong and where, for people: names the entry or file and the likely cause
 */
public record Finding(FindingCode code, String message) {

    public Check check() {
        return code.check();
    }

    @Override
    public String toString() {
        return code + ": " + message;
    }
}
