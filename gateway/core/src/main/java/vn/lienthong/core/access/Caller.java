package vn.lienthong.core.access;

import java.util.Set;
import org.jspecify.annotations.Nullable;
import vn.lienthong.core.agency.AgencyCode;
import vn.lienthong.core.error.ErrorCode;

/**
 * Who is calling: an agency, or a named operator with the operator or admin role.
 *
 * @param agency the agency, for agency callers; null for operators
 */
public record Caller(String name, @Nullable AgencyCode agency, Set<Role> roles) {

    public Caller {
        roles = Set.copyOf(roles);
        if ((agency != null) != roles.contains(Role.AGENCY)) {
            throw new IllegalArgumentException("an agency caller has the AGENCY role and an agency code, others neither");
        }
    }

    public static Caller agency(AgencyCode agency) {
        return new Caller(agency.value(), agency, Set.of(Role.AGENCY));
    }

    public static Caller operator(String name, Set<Role> roles) {
        return new Caller(name, null, roles);
    }

    /** Operators and admins read every envelope and dossier. */
    public boolean readsEverything() {
        return roles.contains(Role.OPERATOR) || roles.contains(Role.ADMIN);
    }

    public boolean isAgency(String code) {
        return agency != null && agency.value().equals(code);
    }

    /** The caller's agency; refuses callers that are not agencies. */
    public AgencyCode requireAgency(String action) {
        if (agency == null) {
            throw ErrorCode.ACCESS_DENIED.exception(this + " is not an agency and cannot " + action).build();
        }
        return agency;
    }

    /** Refuses callers without the admin role. */
    public void requireAdmin(String action) {
        if (!roles.contains(Role.ADMIN)) {
            throw ErrorCode.ACCESS_DENIED.exception(this + " needs the admin role to " + action).build();
        }
    }

    /** Refuses callers that may not read everything. */
    public void requireOperator(String action) {
        if (!readsEverything()) {
            throw ErrorCode.ACCESS_DENIED.exception(this + " needs the operator or admin role to " + action).build();
        }
    }

    @Override
    public String toString() {
        return agency != null ? "agency " + agency : "operator " + name;
    }
}
