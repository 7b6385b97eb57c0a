using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// Always in-process: BenchmarkDotNet then measures the code this project was built against (exercises/ or
// solutions/, chosen by KataSource). Its default out-of-process toolchain would regenerate and rebuild the
// project without that property, and so measure the stubs. --inProcess applies to every job, including
// the ones added on the command line (--job short).
string[] arguments = args.Contains("--inProcess", StringComparer.OrdinalIgnoreCase) ? args : ["--inProcess", .. args];

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly)
    .Run(arguments, DefaultConfig.Instance.WithOptions(ConfigOptions.JoinSummary));
