package org.pruneproof.reference.conv;

import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.pruneproof.nets.Layer;
import org.pruneproof.nets.Layer.Activation;
import org.pruneproof.nets.Layer.AdaptiveAvgPool;
import org.pruneproof.nets.Layer.Conv;
import org.pruneproof.nets.Layer.Flatten;
import org.pruneproof.nets.Layer.GlobalAvgPool;
import org.pruneproof.nets.Layer.Residual;
import org.pruneproof.nets.ParameterSpec;

/**
 * Rounding-error scales of a {@link ConvNetwork} evaluation in a lower precision: for every value v the
 * network computes (activations, logits, loss, ∂L/∂x, ∂L/∂θ) a magnitude E(v) ≥ 0 such that an
 * evaluation of the same network on the same (exactly representable) inputs and parameters, rounding
 * every operation with unit roundoff u, errs by about |v̂ − v| ≤ c·u·E(v), where c grows with the
 * number of terms of the sums (a few hundred here). E is the value recomputed with every operand
 * replaced by its magnitude plus its own error scale, so that cancellation (a batch-norm input gradient
 * that is exactly 0, a centred value much smaller than its mean) is measured against what cancelled:
 * <pre>  input: E = 0 (exact);   conv, linear: E(Wx + b) = |W|·(|x| + E(x)) + |b|;
 *  batch norm (training), c = x − μ, σ = √(σ²_B + ε):  E(c) = |x| + E(x) + mean(|x| + E(x)),
 *    r_σ = mean(2|c|·E(c) + c²)/(2σ²) + 1,  E(x̂) = E(c)/σ + |x̂|·(r_σ + 1),  E(y) = |γ|·(E(x̂) + 2|x̂|) + |β|;
 *  ReLU, ReLU6: E where the derivative is 1, else 0;  max pool: E of the window's first maximum;
 *  average pools: average of |x| + E(x);  residual: scale·(|b| + E(b)) + |s| + E(s);
 *  ∂L/∂logits = (p − y)/B:  E = (p + y + 2p·max_k(|z_k| + E(z_k)))/B;
 *  every backward map: the same map applied to the magnitudes T = |G| + E(G) of its upstream gradient
 *    with |W|, |x| + E(x), and for batch norm E(∂L/∂x) = (|γ|/σ)·(T + mean T + X·mean(T·X)) + r_σ·|∂L/∂x|,
 *    X = |x̂| + E(x̂) (the last term: the relative error of σ times the value it scales).</pre>
 * These are first-order scales, not proofs of a bound; they decide a cross-check's tolerance, and two
 * margins decide where no tolerance can work because a lower precision may take the other branch of a
 * non-smooth operation: {@link Result#nearestKink()}, the smallest |z − k|/E(z) over ReLU and ReLU6 inputs
 * z near a kink k ∈ {0, 6} with E(z) &gt; 0, and {@link Result#nearestTie()}, the smallest gap between a
 * max-pooling window's first maximum a and another entry e, (a − e)/(E(a) + E(e)) over pairs with
 * E(a) + E(e) &gt; 0. Values with E = 0 are exact in every precision (sums of exact zeros, the input), so
 * their ties and kinks are decided alike (the first maximum; derivative 0 at a kink).
 */
public final class RoundingScales {

    /**
     * Error scales of the loss and the gradients, and the margins of the non-smooth operations.
     *
     * @param loss        E(L)
     * @param input       E(∂L/∂x)
     * @param parameters  E(∂L/∂θ) per trainable parameter
     * @param nearestKink min |z − k|/E(z) over activation inputs (∞ if none has E &gt; 0)
     * @param nearestTie  min (a − e)/(E(a) + E(e)) over max-pooling windows (∞ if none)
     */
    public record Result(double loss, Tensor4 input, Map<String, double[]> parameters, double nearestKink, double nearestTie) {
    }

    private final ConvNetwork net;
    private final ConvNetwork.Pass pass;
    private final Map<ConvNetwork.Step, Tensor4> inputScale = new IdentityHashMap<>();
    private final Map<String, double[]> grads = new LinkedHashMap<>();
    private double nearestKink = Double.POSITIVE_INFINITY;
    private double nearestTie = Double.POSITIVE_INFINITY;

    private RoundingScales(ConvNetwork net, ConvNetwork.Pass pass) {
        this.net = net;
        this.pass = pass;
    }

    /** The scales of a forward pass on which {@link ConvNetwork#backward} has run. */
    public static Result of(ConvNetwork net, ConvNetwork.Pass pass) {
        if (pass.gradOut.isEmpty() && !pass.steps.isEmpty()) {
            throw new IllegalArgumentException("run ConvNetwork.backward on the pass first");
        }
        RoundingScales r = new RoundingScales(net, pass);
        Tensor4 ez = r.forward(pass.steps, pass.input.zerosLike());
        DMatrixRMaj z = pass.logits;
        DMatrixRMaj ezm = ConvNetwork.columns(ez);
        DMatrixRMaj p = pass.loss.gradient();
        int classes = z.numRows;
        int batch = z.numCols;
        DMatrixRMaj eg = new DMatrixRMaj(classes, batch);
        double el = 0;
        for (int b = 0; b < batch; b++) {
            double zmax = 0;
            for (int k = 0; k < classes; k++) {
                zmax = Math.max(zmax, Math.abs(z.get(k, b)) + ezm.get(k, b));
            }
            for (int k = 0; k < classes; k++) {
                double y = k == pass.labels[b] ? 1 : 0;
                double pk = p.get(k, b) * batch + y;
                eg.set(k, b, (pk + y + 2 * pk * zmax) / batch);
            }
            el += 2 * zmax + Math.log(classes) + 1;
        }
        Tensor4 ex = r.backward(pass.steps, ConvNetwork.features(eg));
        Map<String, double[]> ordered = new LinkedHashMap<>();
        for (ParameterSpec s : net.architecture().parameters()) {
            if (s.trainable()) {
                ordered.put(s.name(), r.grads.get(s.name()));
            }
        }
        return new Result(el / batch, ex, ordered, r.nearestKink, r.nearestTie);
    }

    private Tensor4 forward(List<ConvNetwork.Step> steps, Tensor4 inputScale) {
        Tensor4 e = inputScale;
        for (ConvNetwork.Step s : steps) {
            e = forward(s, e);
        }
        return e;
    }

    private Tensor4 forward(ConvNetwork.Step s, Tensor4 ex) {
        inputScale.put(s, ex);
        Tensor4 x = s.input();
        Tensor4 xm = plusAbs(ex, x);
        return s.layer().accept(new Layer.Visitor<Tensor4>() {
            @Override
            public Tensor4 conv(Conv c) {
                return Convolution.forward(xm, abs(net.kernel(c)), c.bias() ? abs(net.parameter(c.name() + ".bias")) : null,
                        ConvNetwork.geometry(c));
            }

            @Override
            public Tensor4 batchNorm(Layer.BatchNorm b) {
                double[] gamma = net.parameter(b.name() + ".weight");
                double[] beta = net.parameter(b.name() + ".bias");
                Tensor4 y = x.zerosLike();
                if (net.mode() == ConvNetwork.Mode.INFERENCE) {
                    double[] m = net.parameter(b.name() + ".running_mean");
                    double[] v = net.parameter(b.name() + ".running_var");
                    forEach(x, (k, c) -> {
                        double sc = Math.abs(gamma[c]) / Math.sqrt(v[c] + ConvNetwork.BN_EPS);
                        y.set(k, 2 * sc * (xm.get(k) + Math.abs(m[c])) + Math.abs(beta[c]));
                    });
                    return y;
                }
                Normalised n = Normalised.of(x, ex);
                forEach(x, (k, c) -> y.set(k, Math.abs(gamma[c]) * (n.scale.get(k) + 2 * Math.abs(n.xhat.get(k))) + Math.abs(beta[c])));
                return y;
            }

            @Override
            public Tensor4 activation(Activation a) {
                return kinks(x, ex, a.kind() == Activation.Kind.RELU6);
            }

            @Override
            public Tensor4 maxPool(Layer.MaxPool p) {
                PoolingWindow w = ConvNetwork.window(p);
                Tensor4 y = w.output(x);
                for (int b = 0; b < x.batch(); b++) {
                    for (int c = 0; c < x.channels(); c++) {
                        for (int i = 0; i < y.height(); i++) {
                            for (int j = 0; j < y.width(); j++) {
                                int[] at = MaxPool.argmax(x, w, b, c, i, j);
                                double a = x.get(b, c, at[0], at[1]);
                                double ea = ex.get(b, c, at[0], at[1]);
                                for (int r = Math.max(0, i * w.strideH() - w.padH()); r < Math.min(x.height(), i * w.strideH() - w.padH() + w.kernelH()); r++) {
                                    for (int q = Math.max(0, j * w.strideW() - w.padW()); q < Math.min(x.width(), j * w.strideW() - w.padW() + w.kernelW()); q++) {
                                        double bound = ea + ex.get(b, c, r, q);
                                        if ((r != at[0] || q != at[1]) && bound > 0) {
                                            nearestTie = Math.min(nearestTie, (a - x.get(b, c, r, q)) / bound);
                                        }
                                    }
                                }
                                y.set(b, c, i, j, ea);
                            }
                        }
                    }
                }
                return y;
            }

            @Override
            public Tensor4 adaptiveAvgPool(AdaptiveAvgPool a) {
                int side = x.height();
                if (side == a.size()) {
                    return ex.copy();
                } else if (side % a.size() == 0) {
                    return AveragePool.forward(xm, ConvNetwork.adaptiveWindow(side, a.size()));
                }
                return Upsampling.forward(ex, a.size() / side);
            }

            @Override
            public Tensor4 globalAvgPool(GlobalAvgPool g) {
                return ConvNetwork.features(GlobalAveragePool.forward(xm));
            }

            @Override
            public Tensor4 flatten(Flatten f) {
                return Tensor4.of(x.batch(), x.channels() * x.height() * x.width(), 1, 1, ex.toArray());
            }

            @Override
            public Tensor4 linear(Layer.Linear f) {
                DMatrixRMaj w = DMatrixRMaj.wrap(f.out(), f.in(), abs(net.parameter(f.name() + ".weight")));
                return ConvNetwork.features(Linear.forward(ConvNetwork.columns(xm), w,
                        f.bias() ? abs(net.parameter(f.name() + ".bias")) : null));
            }

            @Override
            public Tensor4 residual(Residual r) {
                Tensor4 eb = forward(s.branch(), ex);
                Tensor4 es = forward(s.shortcut(), ex);
                Tensor4 b = ConvNetwork.last(s.branch(), x);
                Tensor4 sc = ConvNetwork.last(s.shortcut(), x);
                Tensor4 e = b.zerosLike();
                for (int k = 0; k < e.size(); k++) {
                    e.set(k, r.branchScale() * (Math.abs(b.get(k)) + eb.get(k)) + Math.abs(sc.get(k)) + es.get(k));
                }
                return r.reluAfter() ? kinks(ConvNetwork.residualSum(s), e, false) : e;
            }
        });
    }

    /** The scale of an activation's output; records the nearest kink. */
    private Tensor4 kinks(Tensor4 z, Tensor4 ez, boolean six) {
        Tensor4 y = z.zerosLike();
        for (int k = 0; k < z.size(); k++) {
            double v = z.get(k);
            double e = ez.get(k);
            if (e > 0) {
                nearestKink = Math.min(nearestKink, Math.abs(v) / e);
                if (six) {
                    nearestKink = Math.min(nearestKink, Math.abs(v - 6) / e);
                }
            }
            y.set(k, v > 0 && (!six || v < 6) ? e : 0);
        }
        return y;
    }

    private Tensor4 backward(List<ConvNetwork.Step> steps, Tensor4 gradScale) {
        Tensor4 e = gradScale;
        for (int k = steps.size() - 1; k >= 0; k--) {
            e = backward(steps.get(k), e);
        }
        return e;
    }

    private Tensor4 backward(ConvNetwork.Step s, Tensor4 eg) {
        Tensor4 x = s.input();
        Tensor4 ex = inputScale.get(s);
        Tensor4 t = plusAbs(eg, pass.gradOut.get(s));
        return s.layer().accept(new Layer.Visitor<Tensor4>() {
            @Override
            public Tensor4 conv(Conv c) {
                Convolution.Gradients d = Convolution.backward(plusAbs(ex, x), abs(net.kernel(c)), ConvNetwork.geometry(c), t);
                grads.put(c.name() + ".weight", d.weights().toArray());
                if (c.bias()) {
                    grads.put(c.name() + ".bias", d.bias());
                }
                return d.input();
            }

            @Override
            public Tensor4 batchNorm(Layer.BatchNorm b) {
                double[] gamma = net.parameter(b.name() + ".weight");
                int channels = x.channels();
                double[] gGamma = new double[channels];
                double[] gBeta = new double[channels];
                Tensor4 gx = x.zerosLike();
                if (net.mode() == ConvNetwork.Mode.INFERENCE) {
                    double[] m = net.parameter(b.name() + ".running_mean");
                    double[] v = net.parameter(b.name() + ".running_var");
                    forEach(x, (k, c) -> {
                        double sd = Math.sqrt(v[c] + ConvNetwork.BN_EPS);
                        gx.set(k, 2 * Math.abs(gamma[c]) / sd * t.get(k));
                        gGamma[c] += t.get(k) * (Math.abs(x.get(k)) + ex.get(k) + Math.abs(m[c])) / sd;
                        gBeta[c] += t.get(k);
                    });
                } else {
                    Normalised n = Normalised.of(x, ex);
                    double[] meanT = new double[channels];
                    double[] meanTX = new double[channels];
                    double per = (double) x.batch() * x.height() * x.width();
                    forEach(x, (k, c) -> {
                        double xx = Math.abs(n.xhat.get(k)) + n.scale.get(k);
                        meanT[c] += t.get(k) / per;
                        meanTX[c] += t.get(k) * xx / per;
                        gGamma[c] += t.get(k) * xx;
                        gBeta[c] += t.get(k);
                    });
                    Tensor4 exact = pass.gradIn.get(s);
                    forEach(x, (k, c) -> {
                        double xx = Math.abs(n.xhat.get(k)) + n.scale.get(k);
                        gx.set(k, Math.abs(gamma[c]) / n.sigma[c] * (t.get(k) + meanT[c] + xx * meanTX[c])
                                + n.relSigma[c] * Math.abs(exact.get(k)));
                    });
                }
                grads.put(b.name() + ".weight", gGamma);
                grads.put(b.name() + ".bias", gBeta);
                return gx;
            }

            @Override
            public Tensor4 activation(Activation a) {
                return maskByDerivative(x, t, a.kind() == Activation.Kind.RELU6);
            }

            @Override
            public Tensor4 maxPool(Layer.MaxPool p) {
                return MaxPool.backward(x, ConvNetwork.window(p), t);
            }

            @Override
            public Tensor4 adaptiveAvgPool(AdaptiveAvgPool a) {
                int side = x.height();
                if (side == a.size()) {
                    return t;
                } else if (side % a.size() == 0) {
                    return AveragePool.backward(x, ConvNetwork.adaptiveWindow(side, a.size()), t);
                }
                return Upsampling.backward(x, a.size() / side, t);
            }

            @Override
            public Tensor4 globalAvgPool(GlobalAvgPool g) {
                return GlobalAveragePool.backward(x, ConvNetwork.columns(t));
            }

            @Override
            public Tensor4 flatten(Flatten f) {
                return Tensor4.of(x.batch(), x.channels(), x.height(), x.width(), t.toArray());
            }

            @Override
            public Tensor4 linear(Layer.Linear f) {
                DMatrixRMaj w = DMatrixRMaj.wrap(f.out(), f.in(), abs(net.parameter(f.name() + ".weight")));
                Linear.Gradients d = Linear.backward(ConvNetwork.columns(plusAbs(ex, x)), w, ConvNetwork.columns(t));
                grads.put(f.name() + ".weight", d.weights().data.clone());
                if (f.bias()) {
                    grads.put(f.name() + ".bias", d.bias());
                }
                return ConvNetwork.features(d.input());
            }

            @Override
            public Tensor4 residual(Residual r) {
                Tensor4 ts = r.reluAfter() ? maskByDerivative(ConvNetwork.residualSum(s), t, false) : t;
                Tensor4 fromBranch = backward(s.branch(), ConvNetwork.scaled(ts, r.branchScale()));
                Tensor4 fromShortcut = backward(s.shortcut(), ts);
                Tensor4 gb = s.branch().isEmpty() ? x.zerosLike() : pass.gradIn.get(s.branch().get(0));
                Tensor4 g = pass.gradOut.get(s);
                Tensor4 gs = !s.shortcut().isEmpty() ? pass.gradIn.get(s.shortcut().get(0))
                        : r.reluAfter() ? Relu.backward(ConvNetwork.residualSum(s), g) : g;
                Tensor4 e = x.zerosLike();
                for (int k = 0; k < e.size(); k++) {
                    e.set(k, fromBranch.get(k) + fromShortcut.get(k) + Math.abs(gb.get(k)) + Math.abs(gs.get(k)));
                }
                return e;
            }
        });
    }

    /** The upstream scale masked where the activation's derivative is 0. */
    private static Tensor4 maskByDerivative(Tensor4 z, Tensor4 t, boolean six) {
        Tensor4 y = z.zerosLike();
        for (int k = 0; k < z.size(); k++) {
            double v = z.get(k);
            y.set(k, v > 0 && (!six || v < 6) ? t.get(k) : 0);
        }
        return y;
    }

    /** x̂ and its error scale E(x̂), σ and r_σ per channel, for training-mode batch norm. */
    private record Normalised(Tensor4 xhat, Tensor4 scale, double[] sigma, double[] relSigma) {

        static Normalised of(Tensor4 x, Tensor4 ex) {
            int channels = x.channels();
            double per = (double) x.batch() * x.height() * x.width();
            double[] mean = new double[channels];
            double[] meanMag = new double[channels];
            forEach(x, (k, c) -> {
                mean[c] += x.get(k) / per;
                meanMag[c] += (Math.abs(x.get(k)) + ex.get(k)) / per;
            });
            double[] var = new double[channels];
            double[] varScale = new double[channels];
            Tensor4 ec = x.zerosLike();
            forEach(x, (k, c) -> {
                double centred = x.get(k) - mean[c];
                // one entry per channel: x − μ is exactly 0 in any precision
                double e = per == 1 ? 0 : Math.abs(x.get(k)) + ex.get(k) + meanMag[c];
                ec.set(k, e);
                var[c] += centred * centred / per;
                varScale[c] += (2 * Math.abs(centred) * e + centred * centred) / per;
            });
            double[] sigma = new double[channels];
            double[] rel = new double[channels];
            for (int c = 0; c < channels; c++) {
                double v = var[c] + ConvNetwork.BN_EPS;
                sigma[c] = Math.sqrt(v);
                rel[c] = per == 1 ? 1 : varScale[c] / (2 * v) + 1;
            }
            Tensor4 xhat = x.zerosLike();
            Tensor4 scale = x.zerosLike();
            forEach(x, (k, c) -> {
                double h = (x.get(k) - mean[c]) / sigma[c];
                xhat.set(k, h);
                scale.set(k, ec.get(k) / sigma[c] + Math.abs(h) * (rel[c] + 1));
            });
            return new Normalised(xhat, scale, sigma, rel);
        }
    }

    @FunctionalInterface
    private interface EntryChannel {
        void accept(int k, int channel);
    }

    /** Calls f(k, c) for every entry k (NCHW order) with its channel c. */
    private static void forEach(Tensor4 x, EntryChannel f) {
        int area = x.height() * x.width();
        for (int k = 0; k < x.size(); k++) {
            f.accept(k, (k / area) % x.channels());
        }
    }

    private static Tensor4 plusAbs(Tensor4 e, Tensor4 v) {
        Tensor4 y = v.zerosLike();
        for (int k = 0; k < y.size(); k++) {
            y.set(k, e.get(k) + Math.abs(v.get(k)));
        }
        return y;
    }

    private static Tensor4 abs(Tensor4 t) {
        Tensor4 y = t.zerosLike();
        for (int k = 0; k < y.size(); k++) {
            y.set(k, Math.abs(t.get(k)));
        }
        return y;
    }

    private static double[] abs(double[] v) {
        double[] a = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            a[i] = Math.abs(v[i]);
        }
        return a;
    }
}
