package vn.lienthong.app;

import java.net.URI;

/** {@link PortalSyncScenario} on PostgreSQL. */
class PortalSyncPostgresIT extends PortalSyncScenario {

    @Override
    TestGateway start(URI pushEndpoint, String... arguments) {
        return TestGateway.startOnPostgres(TestGateway.newDataDir(), pushEndpoint, arguments);
    }
}
