using System.Numerics;
using BenchmarkDotNet.Attributes;
using NftCollateral.Sdk.Lending;
using NftCollateral.Sdk.Lending.Aave;
using NftCollateral.Sdk.Lending.Arcade;
using NftCollateral.Sdk.Lending.BendDao;

namespace NftCollateral.Sdk.Benchmarks;

/// <summary>
/// Health factor and accrued interest for 1,000,000 loans on the integer-exact path: <see cref="BigInteger"/> uint256
/// math, bit for bit with the protocols' Solidity. Every benchmark runs one library call per loan over all 1,000,000
/// loans and writes the results into a preallocated array; <c>OperationsPerInvoke</c> makes BenchmarkDotNet report the
/// mean and the allocation <em>per loan</em> (multiply by 1,000,000 for one pass over the book).
/// </summary>
/// <remarks>
/// Inputs are drawn once in <see cref="Setup"/> from a fixed seed: principals 0.1–100 ETH and collateral 1–200 ETH in
/// wei, annual rates 1–100 % in ray (1e25–1e27), elapsed times 0–1 year (365 days) in seconds, liquidation thresholds
/// 5,000–9,000 bps. Debts for the health factors are <c>rayMul(principal, compoundedFactor)</c> with each protocol's own
/// factor, computed in the setup. One pass takes seconds, hence the short job (one launch, 2 warm-up and 5 measured
/// iterations).
/// </remarks>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class LendingExactBenchmarks
{
    private const int Loans = 1_000_000;
    private const long Now = 1_700_000_000; // Unix seconds (Nov 2023); fits the contracts' uint40 timestamps.
    private const long SecondsPerYear = 365L * 24 * 60 * 60;
    private const long GweiPerEth = 1_000_000_000;
    private const long WeiPerGwei = 1_000_000_000;

    private static readonly BigInteger CurrentTimestamp = Now;
    private static readonly BigInteger LoanDuration = SecondsPerYear;

    private BigInteger[] _principal = [];
    private BigInteger[] _collateral = [];
    private BigInteger[] _thresholdBps = [];
    private BigInteger[] _rateRay = [];
    private BigInteger[] _rateBps = [];
    private BigInteger[] _lastUpdate = [];
    private BigInteger[] _bendDaoFactor = [];
    private BigInteger[] _bendDaoDebt = [];
    private BigInteger[] _aaveDebt = [];
    private BigInteger[] _destination = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20_261_121);
        _principal = new BigInteger[Loans];
        _collateral = new BigInteger[Loans];
        _thresholdBps = new BigInteger[Loans];
        _rateRay = new BigInteger[Loans];
        _rateBps = new BigInteger[Loans];
        _lastUpdate = new BigInteger[Loans];
        _bendDaoFactor = new BigInteger[Loans];
        _bendDaoDebt = new BigInteger[Loans];
        _aaveDebt = new BigInteger[Loans];
        _destination = new BigInteger[Loans];

        for (int i = 0; i < Loans; i++)
        {
            _principal[i] = Wei(random, GweiPerEth / 10, 100 * GweiPerEth);
            _collateral[i] = Wei(random, GweiPerEth, 200 * GweiPerEth);
            _thresholdBps[i] = random.Next(5_000, 9_001);

            // 1e25–1e27 ray (1–100 % APR) at full 27-digit precision: 1e16–1e18 in units of 1e9, plus a random remainder.
            BigInteger rate = (random.NextInt64(10_000_000_000_000_000, 1_000_000_000_000_000_001) * (BigInteger)1_000_000_000)
                + random.NextInt64(1_000_000_000);
            _rateRay[i] = rate;
            _rateBps[i] = rate / BigInteger.Pow(10, 23); // 1e27 ray = 10,000 bps: 100–10,000 bps APR.
            _lastUpdate[i] = Now - random.NextInt64(SecondsPerYear + 1);

            _bendDaoFactor[i] = BendDaoV1MathUtils.CalculateCompoundedInterest(_rateRay[i], _lastUpdate[i], CurrentTimestamp);
            _bendDaoDebt[i] = BendDaoV1Math.RayMul(_principal[i], _bendDaoFactor[i]);
            _aaveDebt[i] = AaveV3Math.RayMul(_principal[i], AaveV3MathUtils.CalculateCompoundedInterest(_rateRay[i], _lastUpdate[i], CurrentTimestamp));
        }
    }

    /// <summary>BendDAO v1 <c>calculateHealthFactorFromBalances</c>: wadDiv(percentMul(collateral, threshold), debt).</summary>
    [Benchmark(OperationsPerInvoke = Loans)]
    public BigInteger[] BendDaoV1_HealthFactor()
    {
        BigInteger[] collateral = _collateral, debt = _bendDaoDebt, threshold = _thresholdBps, destination = _destination;
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = BendDaoV1GenericLogic.CalculateHealthFactorFromBalances(collateral[i], debt[i], threshold[i]);
        }

        return destination;
    }

    /// <summary>Aave v3 <c>calculateUserAccountData</c>'s health factor: wadDiv(percentMul(collateral, avgThreshold), debt).</summary>
    [Benchmark(OperationsPerInvoke = Loans)]
    public BigInteger[] AaveV3_HealthFactor()
    {
        BigInteger[] collateral = _collateral, debt = _aaveDebt, threshold = _thresholdBps, destination = _destination;
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = AaveV3GenericLogic.CalculateHealthFactor(collateral[i], debt[i], threshold[i]);
        }

        return destination;
    }

    /// <summary>BendDAO v1 <c>MathUtils.calculateCompoundedInterest</c> (three-term binomial, rate per second first).</summary>
    [Benchmark(OperationsPerInvoke = Loans)]
    public BigInteger[] BendDaoV1_CompoundedInterest()
    {
        BigInteger[] rate = _rateRay, lastUpdate = _lastUpdate, destination = _destination;
        BigInteger now = CurrentTimestamp;
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = BendDaoV1MathUtils.CalculateCompoundedInterest(rate[i], lastUpdate[i], now);
        }

        return destination;
    }

    /// <summary>Aave v3 <c>MathUtils.calculateCompoundedInterest</c> (three-term binomial, annual rate squared first).</summary>
    [Benchmark(OperationsPerInvoke = Loans)]
    public BigInteger[] AaveV3_CompoundedInterest()
    {
        BigInteger[] rate = _rateRay, lastUpdate = _lastUpdate, destination = _destination;
        BigInteger now = CurrentTimestamp;
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = AaveV3MathUtils.CalculateCompoundedInterest(rate[i], lastUpdate[i], now);
        }

        return destination;
    }

    /// <summary>BendDAO v1 debt from a precomputed factor: <c>rayMul(principal, compoundedFactor)</c>.</summary>
    [Benchmark(OperationsPerInvoke = Loans)]
    public BigInteger[] BendDaoV1_DebtRayMul()
    {
        BigInteger[] principal = _principal, factor = _bendDaoFactor, destination = _destination;
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = BendDaoV1Math.RayMul(principal[i], factor[i]);
        }

        return destination;
    }

    /// <summary>
    /// Arcade <c>InterestCalculator.getProratedInterestAmount</c> (P2P simple interest): balance · Δt · APR bps /
    /// (10,000 · 1 year), for one-year loans that started when the loan's clock started, with no repayment since.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Loans)]
    public BigInteger[] Arcade_ProratedInterest()
    {
        BigInteger[] principal = _principal, rate = _rateBps, start = _lastUpdate, destination = _destination;
        BigInteger duration = LoanDuration, now = CurrentTimestamp;
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = ArcadeInterest.GetProratedInterestAmount(principal[i], rate[i], duration, start[i], start[i], now);
        }

        return destination;
    }

    // A uniform amount in [minGwei, maxGwei) gwei, in wei with all 9 sub-gwei digits random (up to 2e20 wei > long).
    private static BigInteger Wei(Random random, long minGwei, long maxGwei) =>
        (random.NextInt64(minGwei, maxGwei) * (BigInteger)WeiPerGwei) + random.NextInt64(WeiPerGwei);
}
