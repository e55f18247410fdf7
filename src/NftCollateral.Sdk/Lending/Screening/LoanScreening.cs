using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NftCollateral.Sdk.Lending.Screening;

/// <summary>
/// Batch kernels for screening large loan books in <see cref="double"/>: health factors and accrued debt for millions
/// of loans at memory speed. Use them to find the loans worth an exact look; the protocol profiles give the exact,
/// integer results the contracts compute.
/// </summary>
/// <remarks>
/// <para>
/// Shaped like <c>TensorPrimitives</c>: <see cref="ReadOnlySpan{T}"/> inputs, the destination last, no allocation. Inputs
/// must have equal lengths and the destination must be at least as long; the destination may be one of the inputs
/// (in-place) but must not otherwise overlap them. Each kernel has a scalar reference in <see cref="Reference"/>.
/// </para>
/// <para>
/// Results are IEEE-754 <see cref="double"/>: they may differ in the last bit between CPUs (vector width, FMA), and
/// NaN inputs give NaN outputs. All members are thread-safe.
/// </para>
/// </remarks>
public static class LoanScreening
{
    /// <summary>Seconds in the 365-day year that every protocol here uses for annual rates.</summary>
    public const double SecondsPerYear = 365 * 24 * 60 * 60;

    /// <summary>
    /// Computes health factors: effectively <c>destination[i] = collateral[i] * liquidationThreshold[i] / debt[i]</c>,
    /// and <c>+∞</c> where <c>debt[i]</c> is 0 (no debt: never liquidatable, as the contracts' <c>type(uint256).max</c>).
    /// </summary>
    /// <param name="collateral">Collateral values, in the debt's unit (e.g. ETH).</param>
    /// <param name="liquidationThreshold">Liquidation thresholds as fractions (0.9 for 9,000 bps).</param>
    /// <param name="debt">Debts including accrued interest.</param>
    /// <param name="destination">Receives the health factors (1.0 = at the threshold).</param>
    /// <exception cref="ArgumentException">The lengths differ, the destination is too short, or it partly overlaps an input.</exception>
    public static void HealthFactor(ReadOnlySpan<double> collateral, ReadOnlySpan<double> liquidationThreshold, ReadOnlySpan<double> debt, Span<double> destination)
    {
        Validate(collateral, liquidationThreshold, debt, destination);
        int n = collateral.Length;
        int i = 0;
        if (Vector256.IsHardwareAccelerated && n >= Vector256<double>.Count)
        {
            ref double c = ref MemoryMarshal.GetReference(collateral);
            ref double t = ref MemoryMarshal.GetReference(liquidationThreshold);
            ref double d = ref MemoryMarshal.GetReference(debt);
            ref double o = ref MemoryMarshal.GetReference(destination);
            Vector256<double> infinity = Vector256.Create(double.PositiveInfinity);
            for (; i <= n - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                Vector256<double> dv = Vector256.LoadUnsafe(ref d, (nuint)i);
                Vector256<double> hf = Vector256.LoadUnsafe(ref c, (nuint)i) * Vector256.LoadUnsafe(ref t, (nuint)i) / dv;
                Vector256.ConditionalSelect(Vector256.Equals(dv, Vector256<double>.Zero), infinity, hf).StoreUnsafe(ref o, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            destination[i] = Reference.HealthFactor(collateral[i], liquidationThreshold[i], debt[i]);
        }
    }

    /// <summary>
    /// Computes debt under simple interest: effectively
    /// <c>destination[i] = principal[i] * (1 + annualRate[i] * elapsedSeconds[i] / SecondsPerYear)</c>
    /// (NFTfi, Arcade and JPEG'd pro-rate this way; rates as fractions, 0.1 for 10% APR).
    /// </summary>
    /// <param name="principal">Principals.</param>
    /// <param name="annualRate">Annual rates as fractions.</param>
    /// <param name="elapsedSeconds">Seconds since the loan started (or since the last accrual).</param>
    /// <param name="destination">Receives the debts.</param>
    /// <exception cref="ArgumentException">The lengths differ, the destination is too short, or it partly overlaps an input.</exception>
    public static void SimpleInterestDebt(ReadOnlySpan<double> principal, ReadOnlySpan<double> annualRate, ReadOnlySpan<double> elapsedSeconds, Span<double> destination)
    {
        Validate(principal, annualRate, elapsedSeconds, destination);
        int n = principal.Length;
        int i = 0;
        if (Vector256.IsHardwareAccelerated && n >= Vector256<double>.Count)
        {
            ref double p = ref MemoryMarshal.GetReference(principal);
            ref double r = ref MemoryMarshal.GetReference(annualRate);
            ref double e = ref MemoryMarshal.GetReference(elapsedSeconds);
            ref double o = ref MemoryMarshal.GetReference(destination);
            Vector256<double> one = Vector256<double>.One;
            Vector256<double> perYear = Vector256.Create(1.0 / SecondsPerYear);
            for (; i <= n - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                Vector256<double> growth = one + (Vector256.LoadUnsafe(ref r, (nuint)i) * (Vector256.LoadUnsafe(ref e, (nuint)i) * perYear));
                (Vector256.LoadUnsafe(ref p, (nuint)i) * growth).StoreUnsafe(ref o, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            destination[i] = Reference.SimpleInterestDebt(principal[i], annualRate[i], elapsedSeconds[i]);
        }
    }

    /// <summary>
    /// Computes debt under continuous compounding: effectively
    /// <c>destination[i] = principal[i] * exp(annualRate[i] * elapsedSeconds[i] / SecondsPerYear)</c> (Blend's model;
    /// Aave-style per-second compounding differs from it by less than 1e-6 relative at 100% APR over a year).
    /// </summary>
    /// <param name="principal">Principals.</param>
    /// <param name="annualRate">Annual rates as fractions.</param>
    /// <param name="elapsedSeconds">Seconds since the loan started.</param>
    /// <param name="destination">Receives the debts.</param>
    /// <exception cref="ArgumentException">The lengths differ, the destination is too short, or it partly overlaps an input.</exception>
    public static void CompoundInterestDebt(ReadOnlySpan<double> principal, ReadOnlySpan<double> annualRate, ReadOnlySpan<double> elapsedSeconds, Span<double> destination)
    {
        Validate(principal, annualRate, elapsedSeconds, destination);
        for (int i = 0; i < principal.Length; i++)
        {
            destination[i] = Reference.CompoundInterestDebt(principal[i], annualRate[i], elapsedSeconds[i]);
        }
    }

    private static void Validate(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> z, Span<double> destination)
    {
        if (x.Length != y.Length || x.Length != z.Length)
        {
            ThrowLengthMismatch();
        }

        if (destination.Length < x.Length)
        {
            ThrowDestinationTooShort();
        }

        destination = destination[..x.Length];
        if (PartlyOverlaps(x, destination) || PartlyOverlaps(y, destination) || PartlyOverlaps(z, destination))
        {
            ThrowOverlap();
        }
    }

    // Overlap is allowed only when the destination starts where the input starts (in-place).
    private static bool PartlyOverlaps(ReadOnlySpan<double> input, Span<double> destination) =>
        input.Overlaps(destination, out int offset) && offset != 0;

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowLengthMismatch() => throw new ArgumentException("Input spans must have the same length.");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowDestinationTooShort() => throw new ArgumentException("Destination is too short.", "destination");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowOverlap() => throw new ArgumentException("Destination overlaps an input other than in place.", "destination");

    /// <summary>Scalar reference implementations of the kernels, one loan at a time.</summary>
    public static class Reference
    {
        /// <summary>One loan's health factor; <c>+∞</c> when the debt is 0.</summary>
        /// <param name="collateral">The collateral value.</param>
        /// <param name="liquidationThreshold">The liquidation threshold as a fraction.</param>
        /// <param name="debt">The debt.</param>
        /// <returns>The health factor.</returns>
        public static double HealthFactor(double collateral, double liquidationThreshold, double debt) =>
            debt == 0 ? double.PositiveInfinity : collateral * liquidationThreshold / debt;

        /// <summary>One loan's debt under simple interest.</summary>
        /// <param name="principal">The principal.</param>
        /// <param name="annualRate">The annual rate as a fraction.</param>
        /// <param name="elapsedSeconds">Seconds elapsed.</param>
        /// <returns>The debt.</returns>
        public static double SimpleInterestDebt(double principal, double annualRate, double elapsedSeconds) =>
            principal * (1.0 + (annualRate * (elapsedSeconds * (1.0 / SecondsPerYear))));

        /// <summary>One loan's debt under continuous compounding.</summary>
        /// <param name="principal">The principal.</param>
        /// <param name="annualRate">The annual rate as a fraction.</param>
        /// <param name="elapsedSeconds">Seconds elapsed.</param>
        /// <returns>The debt.</returns>
        public static double CompoundInterestDebt(double principal, double annualRate, double elapsedSeconds) =>
            principal * Math.Exp(annualRate * elapsedSeconds / SecondsPerYear);
    }
}
