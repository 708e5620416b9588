package vn.lienthong.dvcqg;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import vn.lienthong.core.portal.NationalPortal;

/** A portal client exists only when the portal is turned on, and then only with its settings. */
class PortalConfigurationTest {

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withUserConfiguration(PortalConfiguration.class);

    @Test
    void noPortalUnlessEnabled() {
        contexts.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(NationalPortal.class));
        contexts.withPropertyValues("lienthong.portal.enabled=false", "lienthong.portal.base-url=http://localhost:1")
                .run(context -> assertThat(context).doesNotHaveBean(NationalPortal.class));
    }

    @Test
    void aPortalClientWhenEnabled() {
        contexts.withPropertyValues("lienthong.portal.enabled=true", "lienthong.portal.base-url=https://portal.example",
                        "lienthong.portal.username=u", "lienthong.portal.password=p",
                        "lienthong.portal.agency-code=000.00.01.H53", "lienthong.portal.session-expired-codes=401,9")
                .run(context -> {
                    assertThat(context).getBean(NationalPortal.class).isInstanceOf(PortalClient.class);
                    assertThat(context.getBean(PortalProperties.class).sessionExpiredCodes()).containsExactly(401, 9);
                    assertThat(context.getBean(PortalProperties.class).authPath()).isEqualTo("/api/auth");
                });
    }

    @Test
    void anEnabledPortalWithoutItsAgencyCodeDoesNotStart() {
        contexts.withPropertyValues("lienthong.portal.enabled=true", "lienthong.portal.base-url=https://portal.example",
                        "lienthong.portal.username=u", "lienthong.portal.password=p")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("lienthong.portal.agency-code"));
    }
}
