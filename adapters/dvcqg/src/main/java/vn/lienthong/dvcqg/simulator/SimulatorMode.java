package vn.lienthong.dvcqg.simulator;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * How the simulator behaves on the next requests to its portal endpoints.
 *
 * @param kind what it does
 * @param slow how long each answer is delayed in {@link Kind#SLOW}
 * @param times how many requests the mode lasts before the simulator is normal again; 0 until
 *        told otherwise. {@link Kind#VALIDATION_ERROR} counts integration calls only.
 */
public record SimulatorMode(Kind kind, Duration slow, int times) {

    public static final SimulatorMode NORMAL = new SimulatorMode(Kind.NORMAL, Duration.ZERO, 0);

    public SimulatorMode {
        if (times < 0 || slow.isNegative()) {
            throw new IllegalArgumentException("times and slow must not be negative");
        }
    }

    public static SimulatorMode down() {
        return new SimulatorMode(Kind.DOWN, Duration.ZERO, 0);
    }

    public static SimulatorMode slow(Duration delay) {
        return new SimulatorMode(Kind.SLOW, delay, 0);
    }

    public static SimulatorMode sessionExpired() {
        return new SimulatorMode(Kind.SESSION_EXPIRED, Duration.ZERO, 0);
    }

    public static SimulatorMode validationError(int times) {
        return new SimulatorMode(Kind.VALIDATION_ERROR, Duration.ZERO, times);
    }

    /** What the simulator does, by its name in {@code POST /simulator/mode}. */
    public enum Kind {
        /** Answers as the portal does. */
        NORMAL,
        /** Answers every portal request with HTTP 503. */
        DOWN,
        /** Delays every answer. */
        SLOW,
        /** Forgets every session at once, so the next call answers the session error; then normal. */
        SESSION_EXPIRED,
        /** Refuses integration calls with the validation code. */
        VALIDATION_ERROR;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Kind fromWireName(String name) {
            return Arrays.stream(values()).filter(kind -> kind.wireName().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown mode '" + name + "'; one of "
                            + Arrays.stream(values()).map(Kind::wireName).toList()));
        }
    }
}
