package vn.lienthong.core.agency;

/** Published after an agency is registered or its settings change, so adapters can set up its queue. */
public record AgencyRegistered(Agency agency) {
}
