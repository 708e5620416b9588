/**
 * The broker edge: ActiveMQ Artemis queues per agency, with duplicate detection, message
 * groups per dossier, and the broker's redelivery and dead-letter handling for failed pushes.
 */
@NullMarked
package vn.lienthong.broker;

import org.jspecify.annotations.NullMarked;
