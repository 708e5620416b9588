package vn.lienthong.core.trust;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import vn.lienthong.core.agency.AgencyRegistered;
import vn.lienthong.core.agency.AgencyRegistry;
import vn.lienthong.core.agency.RegisteredCertificate;
import vn.lienthong.core.receipt.GatewayIdentity;
import vn.lienthong.signature.PemCertificates;

/** Trust anchors, CRLs refreshed in the background, signer validation, and certificate expiry. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TrustProperties.class)
public class TrustConfiguration {

    @Bean
    TrustMaterial trustMaterial(TrustProperties properties) {
        if (properties.anchors() == null) {
            throw new IllegalStateException("the gateway needs trust anchors: set lienthong.trust.anchors to a directory "
                    + "of CA certificates or a PKCS#12 trust store (the embedded demo uses its demo CA)");
        }
        return TrustMaterial.load(properties.anchors(), properties.anchorsPasswordFile());
    }

    /** Loaded once before the first envelope, then refreshed by {@link Refresh}. */
    @Bean
    RevocationLists revocationLists(TrustProperties properties, Clock clock) {
        RevocationLists lists = new RevocationLists(properties.crls(), properties.crlCacheDir(), clock);
        lists.refresh();
        return lists;
    }

    @Bean
    CertificateValidation certificateValidation(TrustMaterial trust, RevocationLists crls, TrustProperties properties,
                                                Clock clock, MeterRegistry meters) {
        return new CertificateValidation(trust, crls, properties.crlUnavailable(), clock, meters);
    }

    @Bean
    CertificateExpiry certificateExpiry(AgencyRegistry agencies, GatewayIdentity gateway, TrustMaterial trust,
                                        Clock clock, MeterRegistry meters) {
        Supplier<List<CertificateExpiry.Entry>> agencyCertificates = () -> agencies.certificates().stream()
                .map(c -> new CertificateExpiry.Entry(c.agency(), c.purpose() == RegisteredCertificate.Purpose.SIGNING
                        ? "signing" : "tls-client", c.fingerprint(), c.subject(),
                        c.notAfter()))
                .toList();
        Supplier<List<CertificateExpiry.Entry>> gatewayCertificate = () -> List.of(new CertificateExpiry.Entry("gateway",
                "receipts", PemCertificates.fingerprint(gateway.certificate()),
                gateway.certificate().getSubjectX500Principal().getName(), gateway.certificate().getNotAfter().toInstant()));
        Supplier<List<CertificateExpiry.Entry>> anchors = () -> Stream.concat(trust.roots().stream(), trust.intermediates().stream())
                .map(c -> new CertificateExpiry.Entry("trust", "anchor", PemCertificates.fingerprint(c),
                        c.getSubjectX500Principal().getName(), c.getNotAfter().toInstant()))
                .toList();
        return new CertificateExpiry(List.of(agencyCertificates, gatewayCertificate, anchors), clock, meters);
    }

    /** The background work of trust: CRLs, the gateway key, the expiry gauge. */
    @Bean
    Refresh trustRefresh(RevocationLists crls, GatewayIdentity gateway, CertificateExpiry expiry) {
        return new Refresh(crls, gateway, expiry);
    }

    /** Scheduled refreshes, and the expiry gauge kept in step with registrations. */
    static final class Refresh {
        private final RevocationLists crls;
        private final GatewayIdentity gateway;
        private final CertificateExpiry expiry;

        Refresh(RevocationLists crls, GatewayIdentity gateway, CertificateExpiry expiry) {
            this.crls = crls;
            this.gateway = gateway;
            this.expiry = expiry;
        }

        @Scheduled(fixedDelayString = "${lienthong.trust.crl-refresh-interval:1h}",
                initialDelayString = "${lienthong.trust.crl-refresh-interval:1h}")
        void refreshCrls() {
            crls.refresh();
        }

        @Scheduled(fixedDelayString = "${lienthong.signing.reload-interval:30s}")
        void reloadGatewayKey() {
            if (gateway.reloadIfChanged()) {
                expiry.refresh();
            }
        }

        @Scheduled(fixedDelayString = "PT1H")
        void refreshExpiry() {
            expiry.refresh();
        }

        @EventListener
        void onAgencyRegistered(AgencyRegistered event) {
            expiry.refresh();
        }
    }
}
