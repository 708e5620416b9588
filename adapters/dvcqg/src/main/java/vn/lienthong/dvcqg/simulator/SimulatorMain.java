package vn.lienthong.dvcqg.simulator;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar lienthong-portal-simulator.jar [--port 8095] [--host localhost]
 * [--username U] [--password P] [--agency-code C] [--session-minutes 30]}: the simulator on its
 * own, until stopped. Without options it accepts the demo account ({@link SimulatorAccount#DEMO});
 * the password may also come from the environment variable {@value #PASSWORD_VARIABLE}.
 */
public final class SimulatorMain {

    static final String PASSWORD_VARIABLE = "PORTAL_SIMULATOR_PASSWORD";
    private static final int DEFAULT_PORT = 8095;

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        PortalSimulator.Settings settings;
        try {
            settings = settings(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: java -jar lienthong-portal-simulator.jar [--port 8095] [--host localhost] "
                    + "[--username U] [--password P] [--agency-code C] [--session-minutes 30]");
            System.exit(2);
            return;
        }
        PortalSimulator simulator = PortalSimulator.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "portal-simulator-stop"));
        SimulatorAccount account = settings.accounts().get(0);
        System.out.printf("portal simulator listening on %s%n"
                        + "  authenticate  POST %s (username %s, dstcode %s)%n"
                        + "  integration   POST %s (DongBoHoSoMC, CapNhatTienDoHoSoMC, TraCuuHoSo)%n"
                        + "  state         GET  %s%n"
                        + "  mode          POST %s {\"mode\":\"normal|down|slow|session-expired|validation-error\"}%n",
                simulator.baseUri(), PortalSimulator.AUTH_PATH, account.username(), account.agencyCode(),
                PortalSimulator.INTEGRATION_PATH, PortalSimulator.STATE_PATH, PortalSimulator.MODE_PATH);
        stopped.await();
    }

    static PortalSimulator.Settings settings(String[] args) {
        int port = DEFAULT_PORT;
        String host = "localhost";
        String username = SimulatorAccount.DEMO.username();
        String password = System.getenv().getOrDefault(PASSWORD_VARIABLE, SimulatorAccount.DEMO.password());
        String agencyCode = SimulatorAccount.DEMO.agencyCode();
        Duration sessionLifetime = Duration.ofMinutes(30);
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--port" -> port = number(args[i], value);
                case "--host" -> host = value;
                case "--username" -> username = value;
                case "--password" -> password = value;
                case "--agency-code" -> agencyCode = value;
                case "--session-minutes" -> sessionLifetime = Duration.ofMinutes(number(args[i], value));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        return new PortalSimulator.Settings(host, port, List.of(new SimulatorAccount(username, password, agencyCode)),
                sessionLifetime);
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, not '" + value + "'");
        }
    }
}
