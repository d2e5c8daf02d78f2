import Foundation

/// A difference between target and holdout with its two-sided confidence interval.
public struct DifferenceEstimate: Sendable, Hashable {
    /// Target minus holdout.
    public let difference: Double
    public let standardError: Double
    /// The quantile the half-width is `standardError` times: 1.96 for the normal approximation,
    /// Student's t for Welch's interval.
    public let criticalValue: Double
    /// The Welch–Satterthwaite degrees of freedom, or nil for the normal approximation.
    public let degreesOfFreedom: Double?

    public var low: Double { difference - criticalValue * standardError }
    public var high: Double { difference + criticalValue * standardError }

    /// Returns the estimate with the difference and interval multiplied by `factor`, as the
    /// uplift in revenue is the difference per customer times the target count.
    public func scaled(by factor: Double) -> DifferenceEstimate {
        DifferenceEstimate(
            difference: difference * factor, standardError: standardError * abs(factor), criticalValue: criticalValue,
            degreesOfFreedom: degreesOfFreedom)
    }
}

/// The two intervals of a measurement: the difference of two proportions with the normal
/// approximation, and Welch's t interval for the difference of two means.
public enum WelchStatistics {
    /// The 0.975 quantile of the standard normal distribution, for 95% intervals.
    public static let normalQuantile975 = 1.959963984540054

    /// Returns the difference of the proportions `buyersA / customersA − buyersB / customersB`
    /// with its 95% interval, whose standard error adds the two unpooled binomial variances.
    public static func proportionDifference(
        successesA: Int, totalA: Int, successesB: Int, totalB: Int
    ) -> DifferenceEstimate {
        precondition(totalA > 0 && totalB > 0, "a proportion needs customers: \(totalA) and \(totalB)")
        let pA = Double(successesA) / Double(totalA)
        let pB = Double(successesB) / Double(totalB)
        let variance = pA * (1 - pA) / Double(totalA) + pB * (1 - pB) / Double(totalB)
        return DifferenceEstimate(
            difference: pA - pB, standardError: variance.squareRoot(), criticalValue: normalQuantile975,
            degreesOfFreedom: nil)
    }

    /// Returns the difference of the means `meanA − meanB` with Welch's 95% interval.
    ///
    /// The variances are sample variances (divided by n − 1), so each group needs two values.
    /// The degrees of freedom are Welch–Satterthwaite's. When both variances are 0 the
    /// standard error is 0 and the interval is the difference itself.
    public static func meanDifference(
        meanA: Double, varianceA: Double, countA: Int, meanB: Double, varianceB: Double, countB: Int
    ) -> DifferenceEstimate {
        precondition(countA > 1 && countB > 1, "Welch's interval needs two values per group: \(countA) and \(countB)")
        let shareA = varianceA / Double(countA)
        let shareB = varianceB / Double(countB)
        let squaredError = shareA + shareB
        let denominator = shareA * shareA / Double(countA - 1) + shareB * shareB / Double(countB - 1)
        let degreesOfFreedom = denominator > 0 ? squaredError * squaredError / denominator : Double(countA + countB - 2)
        return DifferenceEstimate(
            difference: meanA - meanB, standardError: squaredError.squareRoot(),
            criticalValue: StudentT.quantile(0.975, degreesOfFreedom: degreesOfFreedom),
            degreesOfFreedom: degreesOfFreedom)
    }
}

/// Student's t distribution, through the regularized incomplete beta function.
public enum StudentT {
    /// Returns the cumulative probability P(T ≤ t) for `degreesOfFreedom` ν > 0:
    /// for t ≥ 0 it is 1 − I_x(ν/2, 1/2) / 2 with x = ν / (ν + t²).
    public static func cumulative(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        precondition(nu > 0, "Student's t needs positive degrees of freedom, not \(nu)")
        let tail = 0.5 * regularizedIncompleteBeta(x: nu / (nu + t * t), a: nu / 2, b: 0.5)
        return t >= 0 ? 1 - tail : tail
    }

    /// Returns t with P(T ≤ t) = `probability`, for a probability in [0.5, 1).
    ///
    /// Bisection on `cumulative` to a relative width of 1e-12. Above 10^9 degrees of freedom
    /// the 0.975 quantile exceeds the normal one, 1.959963984540054, by about
    /// z(1 + z²) / 4ν < 1e-8, so the normal value is used there.
    public static func quantile(_ probability: Double, degreesOfFreedom nu: Double) -> Double {
        precondition((0.5..<1).contains(probability), "the quantile is computed for 0.5 to 1, not \(probability)")
        if probability == 0.975 && nu > 1e9 {
            return WelchStatistics.normalQuantile975
        }
        var low = 0.0
        var high = 1.0
        while cumulative(high, degreesOfFreedom: nu) < probability {
            high *= 2
        }
        while high - low > 1e-12 * high {
            let middle = (low + high) / 2
            if cumulative(middle, degreesOfFreedom: nu) < probability {
                low = middle
            } else {
                high = middle
            }
        }
        return (low + high) / 2
    }

    /// Computes I_x(a, b) from its continued fraction, evaluated by the modified Lentz method. The symmetry I_x(a, b) = 1 − I_{1−x}(b, a) keeps x on the side where the
    /// fraction converges fast.
    static func regularizedIncompleteBeta(x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        if x > (a + 1) / (a + b + 2) {
            return 1 - regularizedIncompleteBeta(x: 1 - x, a: b, b: a)
        }
        let logBeta: Double = lgamma(a) + lgamma(b) - lgamma(a + b)
        let logPowers: Double = a * log(x) + b * log(1 - x)
        let logFront = logPowers - logBeta - log(a)
        return exp(logFront) * betaContinuedFraction(x: x, a: a, b: b)
    }

    /// Evaluates the continued fraction 1 / (1 + d1 / (1 + d2 / (1 + …))) with the coefficients
    /// d(2m+1) = −(a+m)(a+b+m)x / ((a+2m)(a+2m+1)) and d(2m) = m(b−m)x / ((a+2m−1)(a+2m)).
    /// Lentz's method evaluates the denominator 1 + d1 / (1 + …) as a running product.
    private static func betaContinuedFraction(x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        var product = 1.0
        var c = 1.0
        var d = 0.0
        for step in 1...400 {
            let coefficient: Double
            if step % 2 == 0 {
                let m = Double(step / 2)
                coefficient = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            } else {
                let m = Double((step - 1) / 2)
                coefficient = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            }
            d = 1 + coefficient * d
            if abs(d) < tiny { d = tiny }
            d = 1 / d
            c = 1 + coefficient / c
            if abs(c) < tiny { c = tiny }
            product *= c * d
            if abs(c * d - 1) < 1e-15 {
                break
            }
        }
        return 1 / product
    }
}
