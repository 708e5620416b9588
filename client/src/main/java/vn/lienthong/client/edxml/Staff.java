package vn.lienthong.client.edxml;

import org.jspecify.annotations.Nullable;

/** The clerk who handled a message ({@code StaffInfo}): in a document's {@code Bussiness}, or in a status message. */
public record Staff(@Nullable String department, String name, @Nullable String email, @Nullable String mobile) {

    public static Staff named(String name) {
        return new Staff(null, name, null, null);
    }

    public Staff department(String staffDepartment) {
        return new Staff(staffDepartment, name, email, mobile);
    }

    public Staff email(String staffEmail) {
        return new Staff(department, name, staffEmail, mobile);
    }

    public Staff mobile(String staffMobile) {
        return new Staff(department, name, email, staffMobile);
    }
}
