package org.pruneproof.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pruneproof.reports.results.Series;

class PlotSvgTest {

    @Test
    void experimentsAreDrawnAsAScatterWithoutLines() {
        double[] x = new double[120];
        double[] y = new double[120];
        for (int i = 0; i < x.length; i++) {
            x[i] = 20 + 40 * (i % 3);
            y[i] = 0.9 + 0.001 * i;
        }
        Series pooled = Series.measured("s_cr against depth", "EOC", "L", "s_cr", x, y).withRole(Series.EXPERIMENTS);
        String svg = PlotSvg.figure("s_cr against depth", List.of(pooled), "plot");
        String group = svg.substring(svg.indexOf("<g class=\"series role-experiments\""));
        group = group.substring(0, group.indexOf("</g>"));
        assertFalse(group.contains("<path"), "no line joins independent experiments");
        assertEquals(120, group.split("<circle", -1).length - 1, "every experiment is a marker, even beyond the line-plot limit");
        assertTrue(svg.contains("EOC (experiments)"));
    }
}
