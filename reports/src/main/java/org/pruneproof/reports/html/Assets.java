package org.pruneproof.reports.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scripts and styles the report inlines: KaTeX (MIT licence, from the Maven artifact
 * {@code org.webjars.npm:katex}) with its fonts as {@code data:} URIs, and the report's own CSS and
 * script. Nothing is ever fetched from the network.
 */
final class Assets {

    private static final String KATEX_POM = "META-INF/maven/org.webjars.npm/katex/pom.properties";
    private static final Pattern FONT_SRC = Pattern.compile(
            "src:url\\(fonts/([A-Za-z0-9_-]+)\\.woff2\\) format\\(\"woff2\"\\)[^;}]*");

    /** KaTeX's version, its script and its style sheet with the woff2 fonts inlined. */
    record Katex(String version, String script, String css) {
    }

    private static volatile Katex katex;

    private Assets() {
    }

    /** KaTeX, read once from the class path. */
    static Katex katex() {
        Katex k = katex;
        if (k == null) {
            synchronized (Assets.class) {
                if (katex == null) {
                    katex = loadKatex();
                }
                k = katex;
            }
        }
        return k;
    }

    /** The report's style sheet. */
    static String reportCss() {
        return text("org/pruneproof/reports/html/report.css");
    }

    /** The report's script (filters, sorting, copy buttons, rendering of the TeX). */
    static String reportScript() {
        return text("org/pruneproof/reports/html/report.js");
    }

    /** Script text made safe inside an HTML {@code <script>} element. */
    static String inlineScript(String js) {
        return js.replaceAll("(?i)</script", "<\\\\/script").replace("<!--", "<\\!--");
    }

    private static Katex loadKatex() {
        Properties pom = new Properties();
        try (InputStream in = resource(KATEX_POM)) {
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + KATEX_POM + ": " + e.getMessage(), e);
        }
        String version = pom.getProperty("version");
        String dist = "META-INF/resources/webjars/katex/" + version + "/dist/";
        String css = text(dist + "katex.min.css");
        Matcher m = FONT_SRC.matcher(css);
        StringBuilder inlined = new StringBuilder(css.length() * 8);
        while (m.find()) {
            String font = Base64.getEncoder().encodeToString(bytes(dist + "fonts/" + m.group(1) + ".woff2"));
            m.appendReplacement(inlined, Matcher.quoteReplacement(
                    "src:url(data:font/woff2;base64," + font + ") format(\"woff2\")"));
        }
        m.appendTail(inlined);
        String result = inlined.toString();
        if (result.contains("url(fonts/")) {
            throw new IllegalStateException("KaTeX " + version + ": a font reference in katex.min.css was not inlined");
        }
        return new Katex(version, text(dist + "katex.min.js"), result);
    }

    private static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String name) {
        try (InputStream in = resource(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read class-path resource " + name + ": " + e.getMessage(), e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = Assets.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("class-path resource " + name + " is missing (is org.webjars.npm:katex on the class path?)");
        }
        return in;
    }
}
