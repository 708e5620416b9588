package vn.lienthong.client.envelope;

/** The working time a step allows its taker (docs/CALENDAR.md counts it). */
public record AllowedTime(int amount, Unit unit) {

    /** The units of {@code AllowedTime/@unit}. */
    public enum Unit {
        WORKING_DAYS("working-days"),
        WORKING_HOURS("working-hours");

        private final String value;

        Unit(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }

    public AllowedTime {
        if (amount < 1 || amount > 9999) {
            throw new IllegalArgumentException("allowed time must be 1 to 9999 " + unit.value() + ", not " + amount);
        }
    }

    public static AllowedTime workingDays(int amount) {
        return new AllowedTime(amount, Unit.WORKING_DAYS);
    }

    public static AllowedTime workingHours(int amount) {
        return new AllowedTime(amount, Unit.WORKING_HOURS);
    }
}
