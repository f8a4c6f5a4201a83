package org.pruneproof.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class AxisTest {

    private static List<String> labels(Axis a) {
        return a.ticks().stream().map(Axis.Tick::label).toList();
    }

    @Test
    void linearAxesEndAndTickOnMultiplesOfOneTwoOrFive() {
        Axis a = Axis.covering(0.13, 0.87, false, 0, 100);
        assertEquals(0.0, a.lo(), 1e-12);
        assertEquals(1.0, a.hi(), 1e-12);
        assertEquals(List.of("0", "0.2", "0.4", "0.6", "0.8", "1"), labels(a));
        assertEquals(50.0, a.toPixel(0.5), 1e-9);
    }

    @Test
    void logAxesTickOnPowersOfTenAndMapDecadesEvenly() {
        Axis a = Axis.covering(1, 180, true, 0, 100);
        assertEquals(200.0, a.hi(), 1e-9);
        assertEquals(List.of("1", "10", "100"), labels(a));
        assertEquals(List.of("1", "2", "5", "10", "20"), labels(Axis.covering(1, 18, true, 0, 100)));
        Axis wide = Axis.covering(1e-33, 1, true, 0, 330);
        assertEquals(List.of("10⁻³³", "10⁻²⁸", "10⁻²³", "10⁻¹⁸", "10⁻¹³", "10⁻⁸", "0.001"), labels(wide).subList(0, 7));
        assertEquals(30.0, wide.toPixel(1e-30), 1e-9);
    }

    @Test
    void aSinglePointStillGivesARange() {
        Axis a = Axis.covering(3, 3, false, 0, 1);
        assertEquals(2.6, a.lo(), 1e-9);
        Axis l = Axis.covering(10, 10, true, 0, 1);
        assertEquals(10, l.lo(), 1e-9);
        assertEquals(20, l.hi(), 1e-9);
    }

    @Test
    void anEmptyOrNonPositiveLogRangeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Axis(1, 1, false, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Axis(0, 1, true, 0, 1));
    }

    @Test
    void numbersAreShortAndSayNanAndInfinity() {
        assertEquals("NaN", Numbers.format(Double.NaN));
        assertEquals("∞", Numbers.format(Double.POSITIVE_INFINITY));
        assertEquals("−∞", Numbers.format(Double.NEGATIVE_INFINITY));
        assertEquals("0.001235", Numbers.format(0.0012345));
        assertEquals("1.235e+07", Numbers.format(12_345_678.9));
        assertEquals("1.0000000001", Numbers.ratio(1.0000000001));
        assertEquals("–", Numbers.format((Double) null));
    }
}
