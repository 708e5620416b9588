package vn.lienthong.core.agency;

/**
 * Published when a gateway instance learns of an agency that is new or whose settings changed,
 * whether it was registered on this instance or on another sharing the database, so adapters
 * can set up its queue.
 */
public record AgencyRegistered(Agency agency) {
}
