package org.pruneproof.benchmarks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.pruneproof.nets.Architecture;
import org.pruneproof.nets.Architectures;
import org.pruneproof.scaled.Nd4jDefaults;
import org.pruneproof.scaled.data.ImageBatch;
import org.pruneproof.scaled.data.SyntheticImages;
import org.pruneproof.scaled.nets.NetworkGraph;
import org.pruneproof.scaled.nets.NetworkWeights;

/**
 * Times one training step (the loss and every trainable parameter's gradient from {@link NetworkGraph#lossAndGradients},
 * float32, batch norm in training mode, seeded N(0, 1) images) of any architecture, and where the time goes op by op:
 * per SameDiff op name, the number of executions per step and their total time, over the timed steps after the
 * warm-up. A diagnostic for the fast path (which op dominates, whether the forward ran once), not a benchmark
 * against a limit; {@code benchmarks/sgd-side-by-side} is the ratio to PyTorch.
 *
 * <pre>
 *   java ... org.pruneproof.benchmarks.StepProfile --model cifar-resnet8 --width 0.25 --input 32 --batch 128 \
 *        --steps 5 --warmup 2 --threads 1
 * </pre>
 */
public final class StepProfile {

    private StepProfile() {
    }

    /** Per op name: executions and nanoseconds, measured from preOpExecution to opExecution. */
    static final class OpTimes extends BaseListener {
        final Map<String, long[]> byName = new HashMap<>();
        private long start;
        boolean on;
        boolean byInstance;

        @Override
        public boolean isActive(Operation operation) {
            return true;
        }

        @Override
        public void preOpExecution(SameDiff sd, At at, SameDiffOp op, OpContext opContext) {
            start = System.nanoTime();
        }

        @Override
        public void opExecution(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, OpContext opContext, INDArray[] outputs) {
            if (on) {
                String key = op.getOp().opName();
                if (byInstance) {
                    INDArray in = opContext != null && opContext.numInputArguments() > 0 ? opContext.getInputArray(0) : null;
                    key = key + " " + (in == null ? "" : java.util.Arrays.toString(in.shape()));
                }
                long[] t = byName.computeIfAbsent(key, k -> new long[2]);
                t[0]++;
                t[1] += System.nanoTime() - start;
            }
        }
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    public static void main(String[] args) {
        String model = "cifar-resnet8";
        double width = 0.25;
        int input = 32;
        int batch = 128;
        int steps = 5;
        int warmup = 2;
        int threads = 1;
        String helpers = "default";
        boolean byInstance = false;
        boolean trainingOutputs = false;
        for (int k = 0; k < args.length; k++) {
            switch (args[k]) {
                case "--model" -> model = args[++k];
                case "--width" -> width = Double.parseDouble(args[++k]);
                case "--input" -> input = Integer.parseInt(args[++k]);
                case "--batch" -> batch = Integer.parseInt(args[++k]);
                case "--steps" -> steps = Integer.parseInt(args[++k]);
                case "--warmup" -> warmup = Integer.parseInt(args[++k]);
                case "--threads" -> threads = Integer.parseInt(args[++k]);
                case "--helpers" -> helpers = args[++k];
                case "--by-shape" -> byInstance = true;
                case "--training-outputs" -> trainingOutputs = true;
                default -> {
                    System.err.println("StepProfile: unknown option " + args[k]
                            + " (expected --model, --width, --input, --batch, --steps, --warmup, --threads, --helpers on|off, --by-shape, --training-outputs)");
                    System.exit(2);
                }
            }
        }
        final int timed = steps;
        final int warm = warmup;
        Architecture a = Architectures.byName(model, width).withInputSize(input);
        int b = batch;
        String h = helpers;
        boolean shapes = byInstance;
        boolean asTraining = trainingOutputs;
        Nd4jDefaults.withThreads(threads, () -> {
            if (!h.equals("default")) {
                Nd4j.getEnvironment().allowHelpers(h.equals("on"));
            }
            NetworkWeights w = NetworkWeights.initialise(a, DataType.FLOAT, new SplittableRandom(1));
            NetworkGraph g = NetworkGraph.build(w, NetworkGraph.Mode.TRAINING);
            OpTimes times = new OpTimes();
            times.byInstance = shapes;
            g.sameDiff().addListeners(times);
            SyntheticImages data = new SyntheticImages(a.classes(), a.inputChannels(), a.inputSize(), DataType.FLOAT, 1);
            List<Double> stepSeconds = new ArrayList<>();
            for (int t = 0; t < warm + timed; t++) {
                ImageBatch im = data.next(b);
                times.on = t >= warm;
                long s = System.nanoTime();
                if (asTraining) {
                    // the outputs the training loop asks for: loss, logits and every batch norm's batch statistics
                    List<String> outputs = new ArrayList<>(List.of("loss", "logits"));
                    for (org.pruneproof.nets.Layer.BatchNorm bn : g.batchNormsWithStatistics()) {
                        outputs.add(bn.name() + NetworkGraph.BATCH_MEAN);
                        outputs.add(bn.name() + NetworkGraph.BATCH_VARIANCE);
                    }
                    g.sameDiff().calculateGradientsAndOutputs(g.trainingFeed(im.images(), im.labels(), Map.of()), outputs,
                            g.trainableParameters());
                } else {
                    g.lossAndGradients(im.images(), im.labels(), List.of());
                }
                if (t >= warm) {
                    stepSeconds.add((System.nanoTime() - s) / 1e9);
                }
            }
            stepSeconds.sort(Double::compare);
            System.out.printf(Locale.ROOT, "%s (input %d×%d) batch %d, %d threads, %s; helpers allowed %s; load %s%n", a.name(),
                    a.inputSize(), a.inputSize(), b, Nd4jDefaults.threads(), Nd4jDefaults.describe(),
                    Nd4j.getEnvironment().helpersAllowed(), loadAverage());
            System.out.printf(Locale.ROOT, "step median %.4f s over %d steps (min %.4f, max %.4f)%n",
                    stepSeconds.get(stepSeconds.size() / 2), timed, stepSeconds.get(0), stepSeconds.get(stepSeconds.size() - 1));
            List<Map.Entry<String, long[]>> rows = new ArrayList<>(times.byName.entrySet());
            rows.sort((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]));
            long total = rows.stream().mapToLong(e -> e.getValue()[1]).sum();
            System.out.printf(Locale.ROOT, "%-60s %10s %12s %6s%n", "op", "calls/step", "s/step", "share");
            for (Map.Entry<String, long[]> e : rows) {
                System.out.printf(Locale.ROOT, "%-60s %10.1f %12.4f %5.1f%%%n", e.getKey(), e.getValue()[0] / (double) timed,
                        e.getValue()[1] / 1e9 / timed, 100.0 * e.getValue()[1] / total);
            }
            return null;
        });
    }
}
