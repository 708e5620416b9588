package vn.lienthong.core.access;

import vn.lienthong.core.agency.AgencyCode;

/** An authenticated agency calling the gateway. */
public record Caller(AgencyCode agency) {

    @Override
    public String toString() {
        return "agency " + agency;
    }
}
