using BenchmarkDotNet.Attributes;
using NftCollateral.Sdk.Lending.Screening;

namespace NftCollateral.Sdk.Benchmarks;

/// <summary>
/// Health factor and accrued debt for 1,000,000 loans on the <c>double</c> span path (screening). Target: at least
/// 100 million loans per second per core, i.e. under 10 ms per million. The scalar loop over the reference is the
/// baseline.
/// </summary>
[MemoryDiagnoser]
public class LoanScreeningBenchmarks
{
    private const int Loans = 1_000_000;
    private double[] _collateral = [];
    private double[] _threshold = [];
    private double[] _debt = [];
    private double[] _rate = [];
    private double[] _elapsed = [];
    private double[] _destination = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        _collateral = Fill(random, 1, 100);
        _threshold = Fill(random, 0.3, 0.9);
        _debt = Fill(random, 0.1, 80);
        _rate = Fill(random, 0.01, 1.0);
        _elapsed = Fill(random, 0, 3.2e7);
        _destination = new double[Loans];
    }

    [Benchmark(Baseline = true)]
    public void HealthFactor_ScalarReference()
    {
        for (int i = 0; i < Loans; i++)
        {
            _destination[i] = LoanScreening.Reference.HealthFactor(_collateral[i], _threshold[i], _debt[i]);
        }
    }

    [Benchmark]
    public void HealthFactor() => LoanScreening.HealthFactor(_collateral, _threshold, _debt, _destination);

    [Benchmark]
    public void SimpleInterestDebt() => LoanScreening.SimpleInterestDebt(_debt, _rate, _elapsed, _destination);

    [Benchmark]
    public void CompoundInterestDebt() => LoanScreening.CompoundInterestDebt(_debt, _rate, _elapsed, _destination);

    private static double[] Fill(Random random, double min, double max)
    {
        var values = new double[Loans];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = min + (random.NextDouble() * (max - min));
        }

        return values;
    }
}
