package vn.lienthong.dvcqg.simulator;

/**
 * An account the simulator accepts: a username and password, and the agency code it may call
 * for (as {@code dstcode} and {@code madonvi}).
 */
public record SimulatorAccount(String username, String password, String agencyCode) {

    /**
     * The demo's account, used by the embedded demo and by the standalone simulator unless told
     * otherwise. Demo material only: publicly known, never a real portal's credentials.
     */
    public static final SimulatorAccount DEMO = new SimulatorAccount("lienthong-demo", "demo-portal-password",
            "000.00.01.H53");

    /** Keeps the password out of logs and messages. */
    @Override
    public String toString() {
        return "SimulatorAccount[username=" + username + ", password=***, agencyCode=" + agencyCode + "]";
    }
}
