using BenchmarkDotNet.Attributes;
using MathNet.Numerics.LinearRegression;
using MathNet.Numerics.LinearAlgebra;

namespace Katas.Statistics.Benchmarks;

/// <summary>
/// Exercise 6.10: the hand-written least squares (QR, plus standard errors and R²) against Math.NET's own
/// <c>MultipleRegression.QR</c> (coefficients only) and the normal equations, on 2,000 rows and 10 columns.
/// </summary>
[MemoryDiagnoser]
public class RegressionBenchmarks
{
    private Matrix<double> _design = null!;
    private double[] _y = null!;
    private Vector<double> _response = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _design = Matrix<double>.Build.Dense(2_000, 10, (_, j) => j == 0 ? 1 : random.NextDouble() * 10);
        _response = _design * Vector<double>.Build.Dense(10, j => j + 1.0) + Vector<double>.Build.Dense(2_000, _ => random.NextDouble());
        _y = _response.ToArray();
    }

    [Benchmark(Baseline = true)]
    public Vector<double> MathNetQr() => MultipleRegression.QR(_design, _response);

    [Benchmark]
    public Vector<double> MathNetNormalEquations() => MultipleRegression.NormalEquations(_design, _response);

    [Benchmark]
    public RegressionFit HandWrittenQrWithStandardErrors() => Regression.LeastSquares(_design, _y);
}
