package org.pruneproof.gpu.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.pruneproof.gpu.layers.LayerOps;
import org.pruneproof.gpu.layers.LayerOps.Tensor;
import org.pruneproof.gpu.layers.Shape4;
import org.pruneproof.gpu.layers.Window;

/**
 * One device's layer operations against another's (cuDNN against {@code CpuLayerOps} on the device
 * machine) on random ResNet-like layers from seed 19: each output must satisfy
 * <pre>  max_k |a_k − b_k| ≤ {@value #RELATIVE}·max_k |b_k|</pre>
 * (float32 storage; the CPU accumulates in double, so this allows the device's float32 sums of up to
 * a few thousand terms).
 */
public final class LayerOpsCheck {

    /** The stated tolerance, relative to the largest reference value. */
    public static final double RELATIVE = 1e-3;

    private LayerOpsCheck() {
    }

    /** One compared output. */
    public record Comparison(String operation, double maxError, double maxReference) {
        public boolean passes() {
            return maxError <= RELATIVE * maxReference;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: max error %.3g, max |ref| %.3g, %s", operation, maxError, maxReference,
                    passes() ? "ok" : "FAIL");
        }
    }

    /** Runs every operation on both and compares the outputs. */
    public static List<Comparison> compare(LayerOps device, LayerOps reference) {
        SplittableRandom r = new SplittableRandom(19);
        List<Comparison> out = new ArrayList<>();
        record Conv(String name, Shape4 x, Shape4 w, Window win) {
        }
        for (Conv c : List.of(new Conv("conv 7×7/2 pad 3, 3→16", new Shape4(2, 3, 32, 32), new Shape4(16, 3, 7, 7), new Window(7, 2, 3)),
                new Conv("conv 3×3/1 pad 1, 16→32", new Shape4(4, 16, 16, 16), new Shape4(32, 16, 3, 3), new Window(3, 1, 1)),
                new Conv("conv 1×1/2, 32→64", new Shape4(4, 32, 16, 16), new Shape4(64, 32, 1, 1), new Window(1, 2, 0)))) {
            Shape4 ys = c.win().convolution(c.x(), c.w());
            float[] x = gaussian(r, c.x().size());
            float[] w = gaussian(r, c.w().size());
            float[] g = gaussian(r, ys.size());
            out.add(both(device, reference, c.name() + " forward", ops -> {
                Tensor y = ops.zeros(ys);
                ops.convolutionForward(ops.upload(c.x(), x), ops.upload(c.w(), w), c.win(), y);
                return y;
            }));
            out.add(both(device, reference, c.name() + " backward data", ops -> {
                Tensor dx = ops.zeros(c.x());
                ops.convolutionBackwardData(ops.upload(c.w(), w), ops.upload(ys, g), c.win(), dx);
                return dx;
            }));
            out.add(both(device, reference, c.name() + " backward filter", ops -> {
                Tensor dw = ops.zeros(c.w());
                ops.convolutionBackwardFilter(ops.upload(c.x(), x), ops.upload(ys, g), c.win(), dw);
                return dw;
            }));
        }
        Shape4 s = new Shape4(8, 16, 8, 8);
        Shape4 p = Shape4.channels(16);
        float[] x = gaussian(r, s.size());
        float[] g = gaussian(r, s.size());
        float[] gamma = gaussian(r, 16);
        float[] beta = gaussian(r, 16);
        double eps = 1e-5;
        out.add(both(device, reference, "batch norm forward", ops -> {
            Tensor y = ops.zeros(s);
            ops.batchNormForward(ops.upload(s, x), ops.upload(p, gamma), ops.upload(p, beta), eps, y, ops.zeros(p), ops.zeros(p));
            return y;
        }));
        out.add(both(device, reference, "batch norm backward dx", ops -> {
            Tensor xt = ops.upload(s, x);
            Tensor mean = ops.zeros(p);
            Tensor inv = ops.zeros(p);
            Tensor gm = ops.upload(p, gamma);
            ops.batchNormForward(xt, gm, ops.upload(p, beta), eps, ops.zeros(s), mean, inv);
            Tensor dx = ops.zeros(s);
            ops.batchNormBackward(xt, ops.upload(s, g), gm, mean, inv, eps, dx, ops.zeros(p), ops.zeros(p));
            return dx;
        }));
        out.add(both(device, reference, "ReLU backward", ops -> {
            Tensor y = ops.zeros(s);
            ops.reluForward(ops.upload(s, x), y);
            Tensor dx = ops.zeros(s);
            ops.reluBackward(y, ops.upload(s, g), dx);
            return dx;
        }));
        Window pool = new Window(3, 2, 1);
        Shape4 ps = pool.pooling(s);
        float[] gp = gaussian(r, ps.size());
        out.add(both(device, reference, "max pool 3×3/2 pad 1 backward", ops -> {
            Tensor xt = ops.upload(s, x);
            Tensor y = ops.zeros(ps);
            ops.maxPoolForward(xt, pool, y);
            Tensor dx = ops.zeros(s);
            ops.maxPoolBackward(xt, y, ops.upload(ps, gp), pool, dx);
            return dx;
        }));
        out.add(both(device, reference, "residual add", ops -> {
            Tensor y = ops.upload(s, g);
            ops.addInto(ops.upload(s, x), y);
            return y;
        }));
        return out;
    }

    /** Runs an operation on both devices (its inputs are small and left to the devices' clean-up). */
    private static Comparison both(LayerOps device, LayerOps reference, String name, Function<LayerOps, Tensor> op) {
        float[] a = device.download(op.apply(device));
        float[] b = reference.download(op.apply(reference));
        double err = 0;
        double ref = 0;
        for (int k = 0; k < b.length; k++) {
            err = Math.max(err, Math.abs((double) a[k] - b[k]));
            ref = Math.max(ref, Math.abs(b[k]));
        }
        if (Double.isNaN(err) || a.length != b.length) {
            err = Double.POSITIVE_INFINITY;
        }
        return new Comparison(name, err, ref);
    }

    private static float[] gaussian(SplittableRandom r, int n) {
        float[] v = new float[n];
        for (int k = 0; k < n; k++) {
            v[k] = (float) r.nextGaussian();
        }
        return v;
    }
}
