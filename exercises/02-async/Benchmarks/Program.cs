using BenchmarkDotNet.Running;
using Katas.Async.Benchmarks;

// The line servers under load (exercise 2.9) are measured by a load generator, not by BenchmarkDotNet.
if (args.Contains("--line-server-load", StringComparer.OrdinalIgnoreCase))
{
    return LineServerLoad.Run(args);
}

// Always in-process: BenchmarkDotNet then measures the code this project was built against (exercises/ or
// solutions/, chosen by KataSource). Its default out-of-process toolchain would regenerate and rebuild the
// project without that property, and so measure the stubs. --inProcess applies to every job, including
// the ones added on the command line (--job short).
string[] arguments = args.Contains("--inProcess", StringComparer.OrdinalIgnoreCase) ? args : ["--inProcess", .. args];

// One summary table per benchmark class, not a joined one: a joined table has one baseline for every class
// without categories, so its Ratio column would compare, say, the sort with the map's sequential baseline.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(arguments);
return 0;
