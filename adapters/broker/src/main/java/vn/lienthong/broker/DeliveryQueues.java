package vn.lienthong.broker;

import vn.lienthong.core.agency.AgencyCode;

/** Names on the broker. One anycast queue per recipient agency, under a common prefix that address settings match. */
final class DeliveryQueues {

    static final String PREFIX = "lienthong.delivery.";
    /** Address-settings match for every delivery queue. */
    static final String MATCH_ALL = PREFIX + "#";
    static final String DEAD_LETTER_ADDRESS = "lienthong.dead";
    static final String DEAD_LETTER_QUEUE_PREFIX = "dead.";

    /** Artemis reads this property for duplicate detection. */
    static final String DUPLICATE_ID = "_AMQ_DUPL_ID";
    /** JMS message groups: one consumer at a time per group, so a dossier's envelopes stay in order. */
    static final String GROUP_ID = "JMSXGroupID";
    /** Artemis holds a message with this property back until the given time (epoch milliseconds). */
    static final String SCHEDULED_DELIVERY = "_AMQ_SCHED_DELIVERY";

    private DeliveryQueues() {
    }

    static String of(AgencyCode agency) {
        return PREFIX + agency.value();
    }
}
