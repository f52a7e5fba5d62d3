//! Multinomial logistic regression by stochastic gradient descent: the learner behind the
//! linear models of `train-topics` and `train-tone`. One thread and a fixed shuffle seed,
//! so that a model regenerates byte for byte.

/// How the descent goes.
pub struct Sgd {
    /// Passes over the examples.
    pub epochs: usize,
    /// The first pass's step; pass `e` steps `rate / (1 + e)`.
    pub rate: f32,
    /// L2 penalty per example step.
    pub lambda: f32,
    /// Return the mean of the weights after each of the last this many passes (0: the
    /// last pass's weights). A mean of passes moves less with small changes of the
    /// examples than the last pass does.
    pub average_last: usize,
}

/// Learns a bias per class and a weight per (feature, class) from examples of sparse
/// (feature, value) inputs and their class; `class_weight` scales each class's steps.
/// Returns the bias and the weights, row-major by feature.
pub fn softmax_regression(
    inputs: &[(Vec<(u32, f32)>, usize)],
    classes: usize,
    features: usize,
    class_weight: &[f32],
    sgd: &Sgd,
) -> (Vec<f32>, Vec<f32>) {
    let c = classes;
    let mut weights = vec![0f32; features * c];
    let mut bias = vec![0f32; c];
    let mut order: Vec<usize> = (0..inputs.len()).collect();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut sum_weights = vec![
        0f32;
        if sgd.average_last > 0 {
            features * c
        } else {
            0
        }
    ];
    let mut sum_bias = vec![0f32; c];
    for epoch in 0..sgd.epochs {
        for i in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        let rate = sgd.rate / (1.0 + epoch as f32);
        for &n in &order {
            let (input, k) = &inputs[n];
            let mut scores = bias.clone();
            for &(i, x) in input {
                for (s, w) in scores
                    .iter_mut()
                    .zip(&weights[i as usize * c..(i as usize + 1) * c])
                {
                    *s += x * w;
                }
            }
            let top = scores.iter().cloned().fold(f32::MIN, f32::max);
            let exp: Vec<f32> = scores.iter().map(|s| (s - top).exp()).collect();
            let total: f32 = exp.iter().sum();
            let step = rate * class_weight[*k];
            for j in 0..c {
                let gradient = exp[j] / total - if j == *k { 1.0 } else { 0.0 };
                bias[j] -= step * gradient;
                for &(i, x) in input {
                    let w = &mut weights[i as usize * c + j];
                    *w -= step * (gradient * x + sgd.lambda * *w);
                }
            }
        }
        if sgd.average_last > 0 && epoch + sgd.average_last >= sgd.epochs {
            sum_weights
                .iter_mut()
                .zip(&weights)
                .for_each(|(s, w)| *s += w);
            sum_bias.iter_mut().zip(&bias).for_each(|(s, b)| *s += b);
        }
    }
    if sgd.average_last > 0 {
        let n = sgd.average_last.min(sgd.epochs) as f32;
        let mean = |sum: Vec<f32>| sum.into_iter().map(|s| s / n).collect::<Vec<f32>>();
        return (mean(sum_bias), mean(sum_weights));
    }
    (bias, weights)
}

/// Macro-F1 over `classes` classes from (gold, predicted) pairs.
pub fn macro_f1(pairs: &[(usize, usize)], classes: usize) -> f64 {
    let mut f1 = 0.0;
    for class in 0..classes {
        let right = pairs
            .iter()
            .filter(|p| p.0 == class && p.1 == class)
            .count() as f64;
        let predicted = pairs.iter().filter(|p| p.1 == class).count() as f64;
        let gold = pairs.iter().filter(|p| p.0 == class).count() as f64;
        let (p, r) = (right / predicted.max(1.0), right / gold.max(1.0));
        if p + r > 0.0 {
            f1 += 2.0 * p * r / (p + r);
        }
    }
    f1 / classes as f64
}
