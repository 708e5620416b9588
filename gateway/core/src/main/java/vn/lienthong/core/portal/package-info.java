/**
 * Keeping the National Public Service Portal (Cổng Dịch vụ công quốc gia) in step with every
 * dossier and hand-off: what is sent (the mapping from tracking), the durable outbox it waits
 * in, and the port to the portal that an adapter implements.
 */
@NullMarked
package vn.lienthong.core.portal;

import org.jspecify.annotations.NullMarked;
