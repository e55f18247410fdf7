using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Running;

// Run: dotnet run -c Release --project benchmarks/NftCollateral.Sdk.Benchmarks -- --filter '*Rarity*'
// Smoke (CI-style): add --job Dry.
IConfig config = DefaultConfig.Instance.AddDiagnoser(MemoryDiagnoser.Default);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
