package vn.lienthong.app;

import java.net.URI;

/** {@link PortalSyncScenario} on the embedded H2 database. */
class PortalSyncH2IT extends PortalSyncScenario {

    @Override
    TestGateway start(URI pushEndpoint, String... arguments) {
        return TestGateway.start(TestGateway.newDataDir(), pushEndpoint, arguments);
    }
}
