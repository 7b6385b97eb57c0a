using Katas.Prediction.Protocol;

namespace Katas.Prediction;

/// <summary>Exercise 7.4: a request's named features, checked and put in the model's order.</summary>
public static class FeatureValidator
{
    /// <summary>
    /// The vector the model takes: the value of <c>featureNames[i]</c> at index i, whatever the request's order.
    /// Throws RpcException with StatusCode.InvalidArgument and a message naming the field when a name is unknown,
    /// repeated or missing (the count is wrong), or a value is NaN or infinite.
    /// </summary>
    public static float[] ToVector(Features request, IReadOnlyList<string> featureNames)
    {
        // TODO: the values placed by name at the metadata's index, under the same name rules as Positions (one place
        // for them: a request is a table of one row) and the same value rule as a row (NaN or an infinity of either
        // sign is refused, naming the feature). Null arguments throw ArgumentNullException.
        throw new NotImplementedException("Exercise 7.4 (FeatureValidator.ToVector) is not solved yet. Hint: dotnet run --project grader -- hint 7.4");
    }

    /// <summary>
    /// Where each of <paramref name="names"/> goes in the model's vector: <c>positions[i]</c> is the index of
    /// <c>names[i]</c> in <paramref name="featureNames"/>. Every feature must be named exactly once, in any order.
    /// Computed once for a batch's names, then used for every row.
    /// </summary>
    public static int[] Positions(IReadOnlyList<string> names, IReadOnlyList<string> featureNames)
    {
        // TODO: refuse with RpcException(new Status(StatusCode.InvalidArgument, message)): a name not in
        // featureNames (ordinal: case matters) or given twice (say "twice"); a feature not named at all (say how many
        // were expected and how many came, and name a missing feature). Each message names the field. Null arguments
        // throw ArgumentNullException.
        throw new NotImplementedException("Exercise 7.4 (FeatureValidator.Positions) is not solved yet. Hint: dotnet run --project grader -- hint 7.4");
    }

    /// <summary>
    /// One row of a batch as the model's vector: <c>row.Values[i]</c>, the value of <c>names[i]</c>, at
    /// <c>positions[i]</c> (from <see cref="Positions"/>). Runs once per row: no lookup, no string work unless it
    /// refuses.
    /// </summary>
    public static float[] ToVector(Row row, IReadOnlyList<string> names, int[] positions)
    {
        // TODO: refuse (InvalidArgument) a row with more or fewer values than names (say both numbers) and a NaN or
        // an infinity (name the feature). Otherwise the row's values at their positions. Null arguments throw
        // ArgumentNullException; positions of another length than names (not made from them), ArgumentException.
        throw new NotImplementedException("Exercise 7.4 (FeatureValidator.ToVector) is not solved yet. Hint: dotnet run --project grader -- hint 7.4");
    }
}
