package vn.lienthong.example.department;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.UUID;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import vn.lienthong.client.EnvelopeSigning;
import vn.lienthong.client.GatewayClient;
import vn.lienthong.client.ReceiptVerification;
import vn.lienthong.client.RetryPolicy;
import vn.lienthong.signature.PemCertificates;

/** The example department: the client library's parts, wired from {@link DepartmentProperties}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DepartmentApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(DepartmentApplication.class);
        application.addListeners(new NoWebServerWhenPulling());
        application.run(args);
    }

    /**
     * The client the department sends through. Its retries are patient (20 attempts, 1 s
     * doubling to a minute: about 14 minutes, longer when the gateway asks with Retry-After), so
     * that a gateway restart delays the department's envelopes rather than losing them; the
     * client's rules keep that safe (the same bytes, and never again after a refusal).
     */
    @Bean
    GatewayClient gatewayClient(DepartmentProperties settings) {
        return client(settings, new RetryPolicy(20, Duration.ofSeconds(1), Duration.ofMinutes(1)));
    }

    /**
     * A department that pulls reads its inbox with a client of its own that does not retry: the
     * next round is the retry, and a gateway away must not hold the department's one thread.
     */
    @Bean
    @ConditionalOnProperty(name = "department.mode", havingValue = "pull")
    InboxPoller inboxPoller(Department department, ThreadPoolTaskScheduler departmentScheduler,
                            DepartmentProperties settings) {
        return new InboxPoller(client(settings, RetryPolicy.none()), department, departmentScheduler, settings);
    }

    private static GatewayClient client(DepartmentProperties settings, RetryPolicy retry) {
        String token;
        try {
            token = Files.readString(settings.tokenFile(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the API token from " + settings.tokenFile(), e);
        }
        return GatewayClient.builder(settings.gateway()).token(token).retry(retry).build();
    }

    @Bean
    GatewaySender gatewaySender(GatewayClient gateway, DepartmentProperties settings) {
        EnvelopeSigning signing = EnvelopeSigning.fromPkcs12(settings.key().file(), settings.key().password().toCharArray());
        ReceiptVerification receipts = new ReceiptVerification(PemCertificates.read(settings.gatewayCertificate()).get(0));
        return new GatewaySender(gateway, signing, receipts);
    }

    /** One thread: the department works on one thing at a time, in order. */
    @Bean
    ThreadPoolTaskScheduler departmentScheduler() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix("department-");
        return scheduler;
    }

    @Bean
    Department department(DepartmentProperties settings, GatewaySender sender, ThreadPoolTaskScheduler departmentScheduler) {
        Caseload caseload = new Caseload(settings, () -> settings.agency() + "-" + UUID.randomUUID());
        return new Department(caseload, sender, departmentScheduler, settings.processingTime());
    }

    /** A department that pulls its inbox serves nothing over HTTP, so it starts no web server. */
    static final class NoWebServerWhenPulling implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {
        @Override
        public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
            String mode = Binder.get(event.getEnvironment()).bind("department.mode", String.class).orElse("push");
            if (mode.equalsIgnoreCase("pull")) {
                event.getSpringApplication().setWebApplicationType(WebApplicationType.NONE);
            }
        }
    }
}
