package vn.lienthong.app;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Hand-off tracking on PostgreSQL, the production database, with the same migrations. */
class HandoffTrackingPostgresIT extends HandoffTrackingScenario {

    @Override
    TestGateway start(TestClock clock, URI pushEndpoint) {
        List<String> args = new ArrayList<>(List.of(TestPostgres.gatewayArgs(TestPostgres.newDatabase())));
        // The test runs the deadline watch itself, at the moments its clock says.
        args.add("--lienthong.tracking.watch-interval=1h");
        return TestGateway.start(TestGateway.newDataDir(), pushEndpoint, clock, args.toArray(String[]::new));
    }
}
