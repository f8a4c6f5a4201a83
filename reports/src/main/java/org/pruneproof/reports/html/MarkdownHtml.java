package org.pruneproof.reports.html;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Markdown with TeX (a proof of {@code docs/theory/}) as HTML for the report. TeX between {@code $$…$$} (display) and
 * {@code $…$} (inline) is taken out before the Markdown is parsed (so that {@code _}, {@code *} and {@code \} inside
 * mathematics are not read as Markdown) and put back as {@code <span class="tex">} elements, which the report's script
 * renders with KaTeX. Raw HTML in the Markdown is escaped, never passed through; links between proof documents are
 * shown as text (the report is one offline page).
 */
final class MarkdownHtml {

    private static final Pattern DISPLAY = Pattern.compile("\\$\\$(.+?)\\$\\$", Pattern.DOTALL);
    private static final Pattern INLINE = Pattern.compile("\\$([^$\\n]+(?:\\n[^$\\n]+)*?)\\$");
    private static final Pattern PLACEHOLDER = Pattern.compile("MATHPH(\\d+)X");
    private static final Pattern LINK = Pattern.compile("<a [^>]*href=\"([^\"]*)\"[^>]*>(.*?)</a>", Pattern.DOTALL);

    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

    private MarkdownHtml() {
    }

    /** The HTML of a Markdown text with TeX. */
    static String render(String markdown) {
        List<String> tex = new ArrayList<>();
        List<Boolean> display = new ArrayList<>();
        String protectedText = protect(protect(markdown, DISPLAY, true, tex, display), INLINE, false, tex, display);
        String html = RENDERER.render(PARSER.parse(protectedText));
        Matcher links = LINK.matcher(html);
        StringBuilder unlinked = new StringBuilder(html.length());
        while (links.find()) {
            links.appendReplacement(unlinked, Matcher.quoteReplacement("<span class=\"doc-link\" title=\"" + links.group(1)
                    + "\">" + links.group(2) + "</span>"));
        }
        links.appendTail(unlinked);
        Matcher m = PLACEHOLDER.matcher(unlinked);
        StringBuilder out = new StringBuilder(unlinked.length() + 64 * tex.size());
        while (m.find()) {
            int k = Integer.parseInt(m.group(1));
            String span = k < tex.size()
                    ? "<span class=\"tex" + (display.get(k) ? " display" : "") + "\">" + Html.escape(tex.get(k)) + "</span>"
                    : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(span));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String protect(String text, Pattern p, boolean isDisplay, List<String> tex, List<Boolean> display) {
        Matcher m = p.matcher(text);
        StringBuilder b = new StringBuilder(text.length());
        while (m.find()) {
            m.appendReplacement(b, "MATHPH" + tex.size() + "X");
            tex.add(m.group(1).strip());
            display.add(isDisplay);
        }
        m.appendTail(b);
        return b.toString();
    }
}
