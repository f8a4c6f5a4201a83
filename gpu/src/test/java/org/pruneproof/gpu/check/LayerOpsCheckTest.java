package org.pruneproof.gpu.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pruneproof.gpu.layers.CpuLayerOps;
import org.pruneproof.gpu.layers.LayerOps;
import org.pruneproof.gpu.layers.Shape4;
import org.pruneproof.gpu.layers.Window;

/** The device check's layer comparison: it passes identical devices and catches a planted bug in one operation. */
class LayerOpsCheckTest {

    @Test
    void identicalDevicesAgreeOnEveryOperation() {
        List<LayerOpsCheck.Comparison> c = LayerOpsCheck.compare(new CpuLayerOps(), new CpuLayerOps());
        assertEquals(14, c.size());
        for (LayerOpsCheck.Comparison x : c) {
            assertEquals(0.0, x.maxError(), x.toString());
            assertTrue(x.maxReference() > 0, x.toString());
        }
    }

    @Test
    void aDeviceWhoseFilterGradientIsOffByAPercentIsCaughtThereOnly() {
        List<LayerOpsCheck.Comparison> c = LayerOpsCheck.compare(new FilterGradientOffByAPercent(), new CpuLayerOps());
        for (LayerOpsCheck.Comparison x : c) {
            assertEquals(!x.operation().endsWith("backward filter"), x.passes(), x.toString());
        }
    }

    /** Planted bug: dw scaled by 1.01; everything else is the CPU device's. */
    private static final class FilterGradientOffByAPercent implements LayerOps {
        private final CpuLayerOps cpu = new CpuLayerOps();

        @Override
        public void convolutionBackwardFilter(Tensor x, Tensor dy, Window window, Tensor dw) {
            cpu.convolutionBackwardFilter(x, dy, window, dw);
            float[] v = cpu.download(dw);
            for (int k = 0; k < v.length; k++) {
                v[k] *= 0.01f;
            }
            cpu.addInto(cpu.upload(dw.shape(), v), dw);
        }

        public Tensor upload(Shape4 shape, float[] values) { return cpu.upload(shape, values); }
        public Tensor zeros(Shape4 shape) { return cpu.zeros(shape); }
        public float[] download(Tensor t) { return cpu.download(t); }
        public void convolutionForward(Tensor x, Tensor w, Window window, Tensor y) { cpu.convolutionForward(x, w, window, y); }
        public void convolutionBackwardData(Tensor w, Tensor dy, Window window, Tensor dx) {
            cpu.convolutionBackwardData(w, dy, window, dx);
        }
        public void batchNormForward(Tensor x, Tensor gamma, Tensor beta, double epsilon, Tensor y, Tensor mean, Tensor invStd) {
            cpu.batchNormForward(x, gamma, beta, epsilon, y, mean, invStd);
        }
        public void batchNormBackward(Tensor x, Tensor dy, Tensor gamma, Tensor mean, Tensor invStd, double epsilon, Tensor dx,
                                      Tensor dgamma, Tensor dbeta) {
            cpu.batchNormBackward(x, dy, gamma, mean, invStd, epsilon, dx, dgamma, dbeta);
        }
        public void reluForward(Tensor x, Tensor y) { cpu.reluForward(x, y); }
        public void reluBackward(Tensor y, Tensor dy, Tensor dx) { cpu.reluBackward(y, dy, dx); }
        public void maxPoolForward(Tensor x, Window window, Tensor y) { cpu.maxPoolForward(x, window, y); }
        public void maxPoolBackward(Tensor x, Tensor y, Tensor dy, Window window, Tensor dx) {
            cpu.maxPoolBackward(x, y, dy, window, dx);
        }
        public void addInto(Tensor x, Tensor y) { cpu.addInto(x, y); }
        public String description() { return "planted bug"; }
        public void close() { }
    }
}
