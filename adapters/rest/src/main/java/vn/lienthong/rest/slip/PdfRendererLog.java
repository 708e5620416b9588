package vn.lienthong.rest.slip;

import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.XRLog;
import com.openhtmltopdf.util.XRLogger;
import java.util.logging.Level;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * openhtmltopdf's log, sent to SLF4J under openhtmltopdf's own logger names
 * ({@code com.openhtmltopdf.*}) instead of its console handler. Its INFO messages are chatter
 * printed on every PDF ("Using fast-mode renderer. Prepare to fly."), so they go to DEBUG;
 * warnings and errors stay what they are. openhtmltopdf has one logger for the whole JVM, so
 * installing this is global; it is idempotent.
 */
final class PdfRendererLog implements XRLogger {

    private PdfRendererLog() {
    }

    static void install() {
        if (!(XRLog.getLoggerImpl() instanceof PdfRendererLog)) {
            XRLog.setLoggerImpl(new PdfRendererLog());
        }
    }

    @Override
    public void log(String where, Level level, String message) {
        log(where, level, message, null);
    }

    @Override
    public void log(String where, Level level, String message, @Nullable Throwable error) {
        Logger logger = LoggerFactory.getLogger(where);
        int severity = level.intValue();
        if (severity >= Level.SEVERE.intValue()) {
            logger.error(message, error);
        } else if (severity >= Level.WARNING.intValue()) {
            logger.warn(message, error);
        } else if (severity >= Level.INFO.intValue()) {
            logger.debug(message, error);
        } else {
            logger.trace(message, error);
        }
    }

    /** Levels are the logging system's to set, per logger name. */
    @Override
    public void setLevel(String where, Level level) {
    }

    @Override
    public boolean isLogLevelEnabled(Diagnostic diagnostic) {
        Logger logger = LoggerFactory.getLogger(diagnostic.getLogMessageId().getWhere());
        int severity = diagnostic.getLevel().intValue();
        return severity >= Level.WARNING.intValue() ? logger.isWarnEnabled()
                : severity >= Level.INFO.intValue() ? logger.isDebugEnabled() : logger.isTraceEnabled();
    }
}
