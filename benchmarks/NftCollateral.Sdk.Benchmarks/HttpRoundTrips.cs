using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace NftCollateral.Sdk.Benchmarks;

/// <summary>Counts the HTTP exchanges (round trips) an <see cref="HttpClient"/> makes.</summary>
internal sealed class RoundTripCounter : DelegatingHandler
{
    private long _count;

    public RoundTripCounter(HttpMessageHandler inner)
        : base(inner)
    {
    }

    public long Count => Interlocked.Read(ref _count);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _count);
        return base.SendAsync(request, cancellationToken);
    }
}

/// <summary>
/// Carries the HTTP round trips per invocation from the benchmark process, where they are counted, to the host
/// process, which prints the summary. The host names a fresh folder in <see cref="VariableName"/> before it starts the
/// benchmark processes (which inherit its environment); each benchmark process writes one file per benchmark method.
/// </summary>
internal static class RoundTripMetrics
{
    public const string VariableName = "NFTC_BENCH_METRICS_DIR";

    /// <summary>
    /// Called by the host (Program.cs): names a folder for this run, unless one is already set. The folder is created
    /// only when a benchmark process writes to it (i.e. only when an on-chain benchmark runs).
    /// </summary>
    /// <returns>The folder named, to delete with <see cref="DeleteHostFolder"/> once the summaries are printed; null when one was already set.</returns>
    public static string? PrepareHost()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(VariableName)))
        {
            return null;
        }

        string dir = Path.Combine(Path.GetTempPath(), "nftc-bench-metrics-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Environment.SetEnvironmentVariable(VariableName, dir);
        return dir;
    }

    /// <summary>Deletes the folder named by <see cref="PrepareHost"/>, if a benchmark process created it.</summary>
    public static void DeleteHostFolder(string? dir)
    {
        if (dir is not null && Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    public static void Write(string benchmark, double roundTripsPerInvocation)
    {
        string? dir = Environment.GetEnvironmentVariable(VariableName);
        if (string.IsNullOrEmpty(dir))
        {
            return;
        }

        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, benchmark + ".txt"), roundTripsPerInvocation.ToString("R", CultureInfo.InvariantCulture));
    }

    public static double? Read(string benchmark)
    {
        string? dir = Environment.GetEnvironmentVariable(VariableName);
        string? path = string.IsNullOrEmpty(dir) ? null : Path.Combine(dir, benchmark + ".txt");
        return path is not null && File.Exists(path)
            && double.TryParse(File.ReadAllText(path), NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value
            : null;
    }
}

/// <summary>The "HTTP round trips" column: HTTP exchanges per benchmark invocation, as counted by <see cref="RoundTripCounter"/>.</summary>
internal sealed class HttpRoundTripsColumn : IColumn
{
    public string Id => nameof(HttpRoundTripsColumn);

    public string ColumnName => "HTTP round trips";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "HTTP exchanges with the node per invocation (counted by a DelegatingHandler on the HttpClient)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        RoundTripMetrics.Read(Key(benchmarkCase)) is double value
            ? value.ToString(value == Math.Floor(value) ? "N0" : "N1", CultureInfo.InvariantCulture)
            : "?";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public override string ToString() => ColumnName;

    internal static string Key(BenchmarkCase benchmarkCase) =>
        benchmarkCase.Descriptor.Type.Name + "." + benchmarkCase.Descriptor.WorkloadMethod.Name;
}
