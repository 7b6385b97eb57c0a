using BenchmarkDotNet.Running;
using Katas.Prediction.Benchmarks;

// BenchmarkDotNet, in-process: it measures the tree this project was built against (-p:KataSource=solutions for the
// reference; your own EnginePool otherwise, once 7.1 and 7.3 are solved).
string[] arguments = args.Contains("--inProcess", StringComparer.OrdinalIgnoreCase) ? args : ["--inProcess", .. args];
BenchmarkSwitcher.FromAssembly(typeof(EngineBenchmarks).Assembly).Run(arguments);
