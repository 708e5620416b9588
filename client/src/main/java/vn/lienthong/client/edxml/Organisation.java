package vn.lienthong.client.edxml;

import org.jspecify.annotations.Nullable;

/**
 * An agency as edXML names it in {@code From}, {@code To}: its code ({@code OrganId},
 * identifiers.md) and the details department systems show. Only the code is required.
 *
 * <pre>{@code
 * Organisation.of("000.00.01.H53").name("Trung tâm Phục vụ hành chính công").email("ttpvhcc@demo.gov.vn")
 * }</pre>
 */
public record Organisation(String organId, @Nullable String name, @Nullable String inCharge, @Nullable String address,
                           @Nullable String email, @Nullable String telephone, @Nullable String fax,
                           @Nullable String website) {

    public static Organisation of(String organId) {
        return new Organisation(organId, null, null, null, null, null, null, null);
    }

    /** {@code OrganName}. */
    public Organisation name(String organName) {
        return new Organisation(organId, organName, inCharge, address, email, telephone, fax, website);
    }

    /** {@code OrganizationInCharge}: the agency it belongs to. */
    public Organisation inCharge(String organisationInCharge) {
        return new Organisation(organId, name, organisationInCharge, address, email, telephone, fax, website);
    }

    /** {@code OrganAdd}. */
    public Organisation address(String organAddress) {
        return new Organisation(organId, name, inCharge, organAddress, email, telephone, fax, website);
    }

    public Organisation email(String organEmail) {
        return new Organisation(organId, name, inCharge, address, organEmail, telephone, fax, website);
    }

    public Organisation telephone(String organTelephone) {
        return new Organisation(organId, name, inCharge, address, email, organTelephone, fax, website);
    }

    public Organisation fax(String organFax) {
        return new Organisation(organId, name, inCharge, address, email, telephone, organFax, website);
    }

    public Organisation website(String organWebsite) {
        return new Organisation(organId, name, inCharge, address, email, telephone, fax, organWebsite);
    }
}
