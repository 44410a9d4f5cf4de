package org.greendl.report;

import java.util.LinkedHashMap;
import java.util.Map;

/** The short method card the report shows for each kind of run: what it does and where it comes from. */
final class TechniqueCards {
    record Card(String title, String what, String paper) {}

    private static final Map<String, Card> CARDS = new LinkedHashMap<>();

    static {
        put("train", "Baseline training", "Trains the model with the energy-aware loop; every other variant is "
                + "compared with it.", "—");
        put("fine-tune", "Continued training (the control)", "Trains a model on for more epochs, unchanged "
                + "otherwise: as baseline-continued it spends the extra epochs the fine-tuned variants spend, so that "
                + "no technique is credited for training longer.", "—");
        put("compact", "Compact architecture", "Replaces standard convolutions with inverted residuals and "
                + "depthwise-separable convolutions, which need far fewer multiply-accumulates.",
                "Sandler et al., MobileNetV2: Inverted Residuals and Linear Bottlenecks, CVPR 2018");
        put("early-exit", "Early exit", "Adds classifier heads part-way through the network; an image leaves at "
                + "the first head that is confident enough, skipping the remaining layers.",
                "Teerapittayanon et al., BranchyNet, ICPR 2016");
        put("prune", "Pruning", "Removes weights (unstructured) or whole filters and channels (structured, the "
                + "model is rebuilt smaller), then fine-tunes.",
                "Han et al., Learning both Weights and Connections, NeurIPS 2015; Li et al., Pruning Filters for "
                + "Efficient ConvNets, ICLR 2017; Zhu & Gupta, To prune, or not to prune, 2017");
        put("distill", "Knowledge distillation", "Trains a small student on the softened outputs of a large "
                + "teacher as well as on the labels.",
                "Hinton, Vinyals & Dean, Distilling the Knowledge in a Neural Network, 2015");
        put("factorize", "Low-rank factorization", "Replaces a weight matrix by the product of two thin ones "
                + "(truncated SVD), then fine-tunes.",
                "Denton et al., Exploiting Linear Structure Within Convolutional Networks, NeurIPS 2014");
        put("qat", "Quantization-aware training", "Trains with int8 rounding simulated in the forward pass so the "
                + "model learns to tolerate it.", "Jacob et al., Quantization and Training of Neural Networks "
                + "for Efficient Integer-Arithmetic-Only Inference, CVPR 2018");
        put("int8", "int8 post-training quantization", "Calibrates activation ranges on a few images and runs "
                + "convolutions and matrix products in 8-bit integers (ONNX Runtime QLinearConv / QGemm).",
                "Jacob et al., CVPR 2018; Krishnamoorthi, Quantizing deep convolutional networks, 2018");
        put("combination", "Prune + distill + int8", "Removes channels (structured pruning), recovers accuracy by "
                + "distilling from the unpruned model, then quantizes to int8: the savings multiply.",
                "Han, Mao & Dally, Deep Compression, ICLR 2016; Polino et al., Model compression via distillation "
                + "and quantization, ICLR 2018");
        put("curriculum", "Curriculum learning", "Trains on the easiest examples first (by a difficulty score) and "
                + "adds harder ones on a pacing schedule, against training from scratch on the same data.",
                "Bengio et al., Curriculum Learning, ICML 2009; Hacohen & Weinshall, On the Power of Curriculum "
                + "Learning in Training Deep Networks, ICML 2019");
        put("transfer", "Transfer learning", "Pre-trains on other classes or data, then fine-tunes on the target "
                + "task, against training from scratch; the pre-training energy counts.",
                "Yosinski et al., How transferable are features in deep neural networks?, NeurIPS 2014");
        put("export", "ONNX export", "Exports the model to ONNX and serves it with ONNX Runtime.", "onnx.ai");
        put("active-learn", "Active learning", "Labels only the examples the model is least sure about, round "
                + "by round, against random sampling.", "Settles, Active Learning Literature Survey, 2009; "
                + "Sener & Savarese, Core-Set, ICLR 2018");
        put("prune-data", "Data pruning", "Scores training examples (EL2N, forgetting) and trains on the most "
                + "informative fraction.", "Paul et al., Deep Learning on a Data Diet, NeurIPS 2021");
        put("search", "Hyper-parameter search", "Successive halving and Hyperband stop poor trials early, "
                + "spending energy on the promising ones.",
                "Li et al., Hyperband, JMLR 2018; Jamieson & Talwalkar, 2016");
    }

    private TechniqueCards() {}

    private static void put(String kind, String title, String what, String paper) {
        CARDS.put(kind, new Card(title, what, paper));
    }

    /** The card for a kind of run, or a plain one naming the kind when there is none. */
    static Card of(String kind) {
        if (kind == null) {
            return new Card("Run", "A run record without a kind.", "—");
        }
        Card c = CARDS.get(kind);
        return c != null ? c : new Card(kind, "A run of kind '" + kind + "'.", "—");
    }
}
