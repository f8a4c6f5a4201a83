package org.pruneproof.scaled.training;

import java.io.PrintWriter;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of a long loop over images: on a terminal a bar redrawn in place ({@code \r}) at most 5 times a
 * second, with images/s and the estimated time left; otherwise (a log, CI) one plain log line every 10 s.
 */
public final class Progress {

    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);
    private static final long BAR_EVERY_NS = 200_000_000L;
    private static final long LOG_EVERY_NS = 10_000_000_000L;

    private final String what;
    private final long total;
    private final PrintWriter terminal;
    private final long start = System.nanoTime();
    private long last = start;
    private long done;

    /**
     * @param terminal where to draw the bar, or null for log lines
     */
    public Progress(String what, long total, PrintWriter terminal) {
        this.what = what;
        this.total = total;
        this.terminal = terminal;
    }

    /** Records {@code images} more images done. */
    public void advance(long images) {
        done += images;
        long now = System.nanoTime();
        boolean finished = done >= total;
        if (!finished && now - last < (terminal != null ? BAR_EVERY_NS : LOG_EVERY_NS)) {
            return;
        }
        last = now;
        double seconds = (now - start) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        String eta = rate > 0 ? clock((total - done) / rate) : "?";
        if (terminal != null) {
            int width = 30;
            int filled = (int) (width * Math.min(1.0, (double) done / Math.max(1, total)));
            terminal.printf(Locale.ROOT, "\r%s [%s%s] %d/%d images  %.0f img/s  ETA %s  ", what, "#".repeat(filled),
                    ".".repeat(width - filled), done, total, rate, eta);
            if (finished) {
                terminal.println();
            }
            terminal.flush();
        } else {
            LOG.info(String.format(Locale.ROOT, "%s: %d/%d images, %.0f img/s, ETA %s", what, done, total, rate, eta));
        }
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}
