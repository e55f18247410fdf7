using BenchmarkDotNet.Attributes;
using NftCollateral.Sdk.CashFlows;

namespace NftCollateral.Sdk.Benchmarks;

/// <summary>
/// IRR and XIRR for 100,000 cash-flow series of 25 flows each (a purchase, then 24 monthly receipts: one sign change, the
/// bracketing path), and the scan path (several sign changes) for 1,000 series.
/// </summary>
[MemoryDiagnoser]
public class CashFlowIrrBenchmarks
{
    private const int Series = 100_000;
    private const int Flows = 25;
    private const int ScannedSeries = 1_000;
    private double[] _amounts = [];
    private double[] _mixed = [];
    private DateOnly[] _dates = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(8);
        _amounts = new double[Series * Flows];
        _mixed = new double[ScannedSeries * Flows];
        for (int s = 0; s < Series; s++)
        {
            _amounts[s * Flows] = -(50_000 + (100_000 * random.NextDouble()));
            for (int i = 1; i < Flows; i++)
            {
                _amounts[(s * Flows) + i] = 2_000 + (8_000 * random.NextDouble());
            }
        }

        for (int s = 0; s < ScannedSeries; s++)
        {
            Array.Copy(_amounts, s * Flows, _mixed, s * Flows, Flows);
            _mixed[(s * Flows) + 12] = -60_000; // a second outlay: three sign changes
        }

        _dates = [.. Enumerable.Range(0, Flows).Select(i => new DateOnly(2024, 1, 31).AddMonths(i))];
    }

    [Benchmark]
    public double Irr_100k()
    {
        double sum = 0;
        for (int s = 0; s < Series; s++)
        {
            sum += CashFlowMath.Irr(_amounts.AsSpan(s * Flows, Flows)).Rate ?? 0;
        }

        return sum;
    }

    [Benchmark]
    public double Xirr_100k()
    {
        double sum = 0;
        for (int s = 0; s < Series; s++)
        {
            sum += CashFlowMath.Xirr(_dates, _amounts.AsSpan(s * Flows, Flows)).Rate ?? 0;
        }

        return sum;
    }

    [Benchmark]
    public int Irr_SeveralSignChanges_1k()
    {
        int roots = 0;
        for (int s = 0; s < ScannedSeries; s++)
        {
            roots += CashFlowMath.Irr(_mixed.AsSpan(s * Flows, Flows)).Roots.Count;
        }

        return roots;
    }
}
