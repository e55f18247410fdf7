using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Running;
using NftCollateral.Sdk.Benchmarks;

// Run: dotnet run -c Release --project benchmarks/NftCollateral.Sdk.Benchmarks -- --filter '*Rarity*'
// Smoke (CI-style): add --job Dry.
// The on-chain benchmarks (MulticallOwnerOfBenchmarks) count HTTP round trips in the benchmark processes and hand them
// to this one through a temporary folder named in an environment variable, which those processes inherit.
string? metrics = RoundTripMetrics.PrepareHost();
try
{
    IConfig config = DefaultConfig.Instance.AddDiagnoser(MemoryDiagnoser.Default);
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
}
finally
{
    RoundTripMetrics.DeleteHostFolder(metrics);
}
