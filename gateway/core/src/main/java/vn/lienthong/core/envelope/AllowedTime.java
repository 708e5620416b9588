package vn.lienthong.core.envelope;

import com.fasterxml.jackson.annotation.JsonValue;

/** The time a step may take, counted in working time. */
public record AllowedTime(int amount, Unit unit) {

    public enum Unit {
        WORKING_DAYS("working-days"), WORKING_HOURS("working-hours");

        private final String xmlName;

        Unit(String xmlName) {
            this.xmlName = xmlName;
        }

        @JsonValue
        public String xmlName() {
            return xmlName;
        }

        public static Unit fromXml(String name) {
            for (Unit unit : values()) {
                if (unit.xmlName.equals(name)) {
                    return unit;
                }
            }
            throw new IllegalArgumentException("unknown unit " + name);
        }
    }

    public AllowedTime {
        if (amount <= 0) {
            throw new IllegalArgumentException("allowed time must be positive");
        }
    }
}
