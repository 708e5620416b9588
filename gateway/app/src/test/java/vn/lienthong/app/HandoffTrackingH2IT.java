package vn.lienthong.app;

import java.net.URI;

/** Hand-off tracking on the embedded default database, H2. */
class HandoffTrackingH2IT extends HandoffTrackingScenario {

    @Override
    TestGateway start(TestClock clock, URI pushEndpoint) {
        // The test runs the deadline watch itself, at the moments its clock says.
        return TestGateway.start(TestGateway.newDataDir(), pushEndpoint, clock, "--lienthong.tracking.watch-interval=1h");
    }
}
