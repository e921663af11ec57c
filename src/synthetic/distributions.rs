//! Continuous distributions drawn from a [`SeededRng`]: the standard normal by Box–Muller,
//! the normal, the lognormal and the uniform.
//!
//! Transcendental functions go through `libm`, so a seed gives the same numbers on wasm32 and
//! on x86_64.

use crate::assemble::SeededRng;

/// A standard normal draw by the Box–Muller transform (the cosine branch; one draw uses two
/// uniforms and keeps no state between calls).
pub fn standard_normal(rng: &mut SeededRng) -> f64 {
    // 1 − U lies in (0, 1], so the logarithm is finite.
    let u1 = 1.0 - rng.unit();
    let u2 = rng.unit();
    libm::sqrt(-2.0 * libm::log(u1)) * libm::cos(2.0 * std::f64::consts::PI * u2)
}

/// A normal draw with the given mean and standard deviation.
pub fn normal(rng: &mut SeededRng, mean: f64, sd: f64) -> f64 {
    mean + sd * standard_normal(rng)
}

/// A lognormal draw: `exp(N(mu, sigma))`.
pub fn lognormal(rng: &mut SeededRng, mu: f64, sigma: f64) -> f64 {
    libm::exp(normal(rng, mu, sigma))
}

/// A uniform draw in `[low, high)`.
pub fn uniform(rng: &mut SeededRng, low: f64, high: f64) -> f64 {
    low + (high - low) * rng.unit()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assemble::{Seed, Stream};

    fn moments(values: &[f64]) -> (f64, f64) {
        let n = values.len() as f64;
        let mean = values.iter().sum::<f64>() / n;
        let var = values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / (n - 1.0);
        (mean, var.sqrt())
    }

    #[test]
    fn standard_normal_has_mean_zero_and_unit_sd() {
        let mut rng = SeededRng::new(Seed(11), Stream::Selection);
        let draws: Vec<f64> = (0..20_000).map(|_| standard_normal(&mut rng)).collect();
        let (mean, sd) = moments(&draws);
        assert!(mean.abs() < 0.03, "mean {mean}");
        assert!((sd - 1.0).abs() < 0.03, "sd {sd}");
        let beyond_two = draws.iter().filter(|z| z.abs() > 1.96).count() as f64 / 20_000.0;
        assert!((beyond_two - 0.05).abs() < 0.01, "tail share {beyond_two}");
    }

    #[test]
    fn lognormal_log_is_normal() {
        let mut rng = SeededRng::new(Seed(12), Stream::Selection);
        let logs: Vec<f64> = (0..20_000)
            .map(|_| libm::log(lognormal(&mut rng, 0.5, 0.3)))
            .collect();
        let (mean, sd) = moments(&logs);
        assert!((mean - 0.5).abs() < 0.01, "mean {mean}");
        assert!((sd - 0.3).abs() < 0.01, "sd {sd}");
    }

    #[test]
    fn uniform_stays_in_range_and_fills_it() {
        let mut rng = SeededRng::new(Seed(13), Stream::Selection);
        let draws: Vec<f64> = (0..10_000).map(|_| uniform(&mut rng, 0.05, 0.25)).collect();
        assert!(draws.iter().all(|c| (0.05..0.25).contains(c)));
        let (mean, _) = moments(&draws);
        assert!((mean - 0.15).abs() < 0.005, "mean {mean}");
        assert!(draws.iter().any(|c| *c < 0.06) && draws.iter().any(|c| *c > 0.24));
    }
}
