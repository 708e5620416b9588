package vn.lienthong.core.calendar;

/** A year file that cannot be used, with the file and the problem named so an operator can fix it. */
public final class CalendarFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final String problem;

    public CalendarFileException(String file, String problem) {
        super("calendar file " + file + ": " + problem);
        this.file = file;
        this.problem = problem;
    }

    public CalendarFileException(String file, String problem, Throwable cause) {
        super("calendar file " + file + ": " + problem, cause);
        this.file = file;
        this.problem = problem;
    }

    public String file() {
        return file;
    }

    public String problem() {
        return problem;
    }
}
