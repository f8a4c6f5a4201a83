package org.pruneproof.reference.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConvolutionTest {

    /** The 3×3 input 1, …, 9 in row-major order. */
    private static final Tensor4 X = Tensor4.of(1, 1, 3, 3, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    /** The kernel [[1, 2], [3, 4]] (asymmetric: a transposed kernel gives other values). */
    private static final Tensor4 W = Tensor4.of(1, 1, 2, 2, 1, 2, 3, 4);

    @Test
    void aValidConvolutionIsTheCrossCorrelationOfEachWindow() {
        // y[0,0] = 1·1 + 2·2 + 3·4 + 4·5 = 37; y[0,1] = 2 + 6 + 15 + 24 = 47; y[1,0] = 67; y[1,1] = 77.
        Tensor4 y = Convolution.forward(X, W, null, ConvolutionGeometry.of(1, 0));
        assertArrayEquals(new double[] {37, 47, 67, 77}, y.toArray(), 0);
    }

    @Test
    void paddingAddsZerosAndStrideSkipsWindows() {
        // 2×2 kernel of ones, pad 1, stride 2: windows {1}, {2, 3}, {4, 7}, {5, 6, 8, 9}.
        Tensor4 ones = Tensor4.of(1, 1, 2, 2, 1, 1, 1, 1);
        Tensor4 y = Convolution.forward(X, ones, null, ConvolutionGeometry.of(2, 1));
        assertArrayEquals(new double[] {1, 5, 11, 28}, y.toArray(), 0);
    }

    @Test
    void dilationSpreadsTheKernel() {
        // 2×2 ones with dilation 2 read the corners: 1 + 3 + 7 + 9.
        Tensor4 ones = Tensor4.of(1, 1, 2, 2, 1, 1, 1, 1);
        Tensor4 y = Convolution.forward(X, ones, null, ConvolutionGeometry.of(1, 0).withDilation(2));
        assertArrayEquals(new double[] {20}, y.toArray(), 0);
    }

    @Test
    void depthwiseGroupsSeeOnlyTheirOwnChannel() {
        Tensor4 x = Tensor4.of(1, 2, 2, 2, 1, 2, 3, 4, 5, 6, 7, 8);
        Tensor4 w = Tensor4.of(2, 1, 1, 1, 2, -1);
        Tensor4 y = Convolution.forward(x, w, new double[] {1, 10}, ConvolutionGeometry.of(1, 0).withGroups(2));
        assertArrayEquals(new double[] {3, 5, 7, 9, 5, 4, 3, 2}, y.toArray(), 0);
    }

    @Test
    void theBackwardMapOfTheValidCaseByHand() {
        Tensor4 g = Tensor4.of(1, 1, 2, 2, 1, 1, 1, 1);
        Convolution.Gradients d = Convolution.backward(X, W, ConvolutionGeometry.of(1, 0), g);
        // ∂L/∂w[p,q] = Σ_{i,j} x[i+p, j+q]: 1+2+4+5, 2+3+5+6, 4+5+7+8, 5+6+8+9.
        assertArrayEquals(new double[] {12, 16, 24, 28}, d.weights().toArray(), 0);
        // ∂L/∂x[r,c] = sum of the kernel entries that touch (r, c).
        assertArrayEquals(new double[] {1, 3, 2, 4, 10, 6, 3, 7, 4}, d.input().toArray(), 0);
        assertArrayEquals(new double[] {4}, d.bias(), 0);
    }

    @Test
    void gradientsMatchCentralDifferencesForStridePaddingDilationAndGroups() {
        ConvolutionGeometry[] geometries = {
            ConvolutionGeometry.of(1, 1),
            ConvolutionGeometry.of(2, 1),
            new ConvolutionGeometry(2, 1, 0, 2, 1, 2, 1),
            ConvolutionGeometry.of(1, 1).withGroups(2),
            ConvolutionGeometry.of(2, 1).withGroups(4),
        };
        long seed = 1;
        for (ConvolutionGeometry g : geometries) {
            int in = 4;
            int out = g.groups() == 4 ? 4 : 6;
            double[] xs = CentralDifference.gaussian(2 * in * 5 * 6, seed++);
            double[] ws = CentralDifference.gaussian(out * (in / g.groups()) * 3 * 3, seed++);
            double[] bs = CentralDifference.gaussian(out, seed++);
            Tensor4 y0 = Convolution.forward(Tensor4.of(2, in, 5, 6, xs), Tensor4.of(out, in / g.groups(), 3, 3, ws), bs, g);
            double[] r = CentralDifference.gaussian(y0.size(), seed++);
            Tensor4 gradOut = Tensor4.of(y0.batch(), y0.channels(), y0.height(), y0.width(), r);
            java.util.function.DoubleSupplier loss = () -> CentralDifference.dot(r, Convolution.forward(
                    Tensor4.of(2, in, 5, 6, xs), Tensor4.of(out, in / g.groups(), 3, 3, ws), bs, g).toArray());
            Convolution.Gradients d = Convolution.backward(Tensor4.of(2, in, 5, 6, xs),
                    Tensor4.of(out, in / g.groups(), 3, 3, ws), g, gradOut);
            CentralDifference.check(g + " input", xs, d.input().toArray(), loss);
            CentralDifference.check(g + " weights", ws, d.weights().toArray(), loss);
            CentralDifference.check(g + " bias", bs, d.bias(), loss);
        }
    }

    @Test
    void weightsWhoseInputChannelsDoNotMatchTheGroupsAreRefused() {
        Tensor4 x = Tensor4.zeros(1, 4, 3, 3);
        Tensor4 w = Tensor4.zeros(4, 4, 1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Convolution.forward(x, w, null, ConvolutionGeometry.of(1, 0).withGroups(2)));
        assertTrue(e.getMessage().contains("I/groups"), e.getMessage());
    }

    @Test
    void aKernelLargerThanThePaddedInputIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Convolution.forward(X, Tensor4.zeros(1, 1, 4, 4), null, ConvolutionGeometry.of(1, 0)));
        assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
    }
}
