using BenchmarkDotNet.Running;
using Katas.Statistics.Benchmarks;

// Three jobs, one program:
//   plots DIR            the pictures of the reference solutions (run it with -p:KataSource=solutions)
//   pipeline CSV [ROWS]  the cleaning pipeline over a generated CSV, with wall time and peak memory
//   anything else        BenchmarkDotNet, in-process (it then measures the tree this project was built against)
if (args is ["plots", string directory])
{
    foreach (string file in Plots.WriteAll(directory))
    {
        Console.WriteLine($"wrote {file}");
    }

    return 0;
}

if (args is ["pipeline", string csv, ..])
{
    int rows = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
    return CleaningPipeline.Run(csv, rows);
}

string[] arguments = args.Contains("--inProcess", StringComparer.OrdinalIgnoreCase) ? args : ["--inProcess", .. args];
BenchmarkSwitcher.FromAssembly(typeof(Plots).Assembly).Run(arguments);
return 0;
