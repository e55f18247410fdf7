using BenchmarkDotNet.Attributes;
using NftCollateral.Sdk.CashFlows.Signals;

namespace NftCollateral.Sdk.Benchmarks;

/// <summary>
/// The signal kernels over 1,000,000 points of a positive random walk (a revenue or price series). Target of issue 8:
/// each under 5 ms.
/// </summary>
[MemoryDiagnoser]
public class SignalBenchmarks
{
    private const int Points = 1_000_000;
    private double[] _values = [];
    private double[] _revenue = [];
    private double[] _macd = [];
    private double[] _signal = [];
    private double[] _histogram = [];
    private double[] _destination = [];
    private Divergence[] _divergences = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(8);
        _values = new double[Points];
        _revenue = new double[Points];
        double x = 100;
        for (int i = 0; i < Points; i++)
        {
            x *= 1 + ((random.NextDouble() - 0.5) * 0.04);
            _values[i] = x;
            _revenue[i] = x * (0.05 + (0.01 * random.NextDouble()));
        }

        _macd = new double[Points];
        _signal = new double[Points];
        _histogram = new double[Points];
        _destination = new double[Points];
        _divergences = new Divergence[Points];
        SignalKernels.Macd(_values, 12, 26, 9, _macd, _signal, _histogram);
    }

    [Benchmark]
    public int Sma20() => SignalKernels.Sma(_values, 20, _destination);

    [Benchmark]
    public int Ema20() => SignalKernels.Ema(_values, 20, _destination);

    [Benchmark]
    public int Rsi14() => SignalKernels.Rsi(_values, 14, _destination);

    [Benchmark]
    public int Macd12_26_9() => SignalKernels.Macd(_values, 12, 26, 9, _macd, _signal, _histogram);

    [Benchmark]
    public int MacdDivergence14() => SignalKernels.Divergences(_values, _macd, 14, _divergences);

    [Benchmark]
    public int RollingVolatility30() => SignalKernels.RollingVolatility(_values, 30, _destination);

    [Benchmark]
    public int TrailingMultiple12() => SignalKernels.TrailingMultiple(_values, _revenue, 12, _destination);

    [Benchmark]
    public int MultipleVersusAverage36() => SignalKernels.MultipleVersusAverage(_values, 36, _destination);
}
