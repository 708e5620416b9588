package vn.lienthong.example.department;

import java.net.URI;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import vn.lienthong.client.GatewayClient;

/**
 * Reads the inbox every {@code department.poll-interval} (docs/PROTOCOL-REST.md, "Receiving by
 * pull") with {@link GatewayClient#drainInbox}: each envelope is fetched, taken by the
 * department, and acknowledged only once taken, which is the moment the hand-off is taken. If
 * taking fails, draining stops there and the envelope comes again at the next round.
 */
final class InboxPoller {

    private static final Logger log = LoggerFactory.getLogger(InboxPoller.class);

    private final GatewayClient gateway;
    private final Department department;
    private final TaskScheduler scheduler;
    private final Duration interval;
    private final String agency;
    private final URI address;

    InboxPoller(GatewayClient gateway, Department department, TaskScheduler scheduler, DepartmentProperties settings) {
        this.gateway = gateway;
        this.department = department;
        this.scheduler = scheduler;
        this.interval = settings.pollInterval();
        this.agency = settings.agency();
        this.address = settings.gateway();
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        log.info("reading the inbox of {} at {} every {}", agency, address, interval);
        scheduler.scheduleWithFixedDelay(this::poll, interval);
    }

    void poll() {
        try {
            gateway.drainInbox(fetched -> department.take(fetched.content()));
        } catch (RuntimeException e) {
            log.warn("reading the inbox failed, trying again in {}: {}", interval, e.getMessage());
        }
    }
}
