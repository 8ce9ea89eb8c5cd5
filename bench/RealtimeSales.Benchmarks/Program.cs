using BenchmarkDotNet.Running;
using RealtimeSales.Benchmarks;

// `dotnet run -c Release --project bench/RealtimeSales.Benchmarks -- --filter '*'`; README, "Performance".
BenchmarkSwitcher.FromAssembly(typeof(ShortRunConfig).Assembly).Run(args, new ShortRunConfig());
