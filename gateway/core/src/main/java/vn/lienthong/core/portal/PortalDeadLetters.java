package vn.lienthong.core.portal;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienthong.core.access.Caller;
import vn.lienthong.core.error.ErrorCode;
import vn.lienthong.core.error.GatewayException;

/**
 * Portal updates the portal refused, for operators: list and inspect them, replay one (as it
 * was, or with the fields corrected), or discard it so the dossier's later updates go ahead.
 */
public class PortalDeadLetters {

    private static final Logger log = LoggerFactory.getLogger(PortalDeadLetters.class);

    private final PortalOutbox outbox;
    private final Clock clock;

    public PortalDeadLetters(PortalOutbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    public List<PortalOutbox.DeadLetter> list(Caller caller) {
        caller.requireOperator("list portal dead letters");
        return outbox.deadLetters();
    }

    public PortalOutbox.DeadLetter get(Caller caller, long id) {
        caller.requireOperator("inspect portal dead letters");
        return outbox.deadLetter(id).orElseThrow(() -> notFound(id));
    }

    /**
     * @param correctedFields the fields to send instead (the dead letter's {@code payload},
     *        corrected), or null to send them as they were
     */
    public void replay(Caller caller, long id, @Nullable Map<String, Object> correctedFields) {
        caller.requireAdmin("replay portal dead letters");
        PortalOutbox.DeadLetter deadLetter = get(caller, id);
        if (correctedFields != null && !(correctedFields.get("data") instanceof List<?>)) {
            throw ErrorCode.REQUEST_INVALID.exception("corrected fields must keep the call's shape: a \"data\" list"
                    + (deadLetter.service().equals(PortalService.DONG_BO_HO_SO.wireName()) ? " and \"isUpdating\"" : ""))
                    .build();
        }
        if (!outbox.replay(id, correctedFields, clock.instant())) {
            throw notFound(id);
        }
        log.info("{} replayed portal dead letter {} of dossier {}{}", caller, id, deadLetter.dossierCode(),
                correctedFields == null ? "" : " with corrected fields");
    }

    public void discard(Caller caller, long id) {
        caller.requireAdmin("discard portal dead letters");
        PortalOutbox.DeadLetter deadLetter = get(caller, id);
        if (!outbox.discard(id)) {
            throw notFound(id);
        }
        log.warn("{} discarded portal dead letter {} of dossier {}: the portal will not get that update",
                caller, id, deadLetter.dossierCode());
    }

    private static GatewayException notFound(long id) {
        return ErrorCode.PORTAL_DEAD_LETTER_NOT_FOUND.exception("no portal dead letter " + id).build();
    }
}
