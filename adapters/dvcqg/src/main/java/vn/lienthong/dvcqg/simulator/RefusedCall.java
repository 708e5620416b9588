package vn.lienthong.dvcqg.simulator;

/** A call the simulator answers with a non-zero {@code error_code}; the message names the field at fault. */
final class RefusedCall extends RuntimeException {

    private final SimulatorErrorCode code;

    RefusedCall(SimulatorErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    SimulatorErrorCode code() {
        return code;
    }
}
