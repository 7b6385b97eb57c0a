using Katas.Prediction.Protocol;

namespace Katas.Prediction;

/// <summary>Exercise 7.4: a request's named features, checked and put in the model's order.</summary>
public static class FeatureValidator
{
    /// <summary>
    /// The vector the model takes: the value of <c>featureNames[i]</c> at index i, whatever the request's order.
    /// Throws RpcException with StatusCode.InvalidArgument and a message naming the field when the count is
    /// wrong, a name is unknown, missing or repeated, or a value is NaN or infinite.
    /// </summary>
    public static float[] ToVector(Features request, IReadOnlyList<string> featureNames)
    {
        // TODO: refuse with RpcException(new Status(StatusCode.InvalidArgument, message)): a count other than
        // featureNames.Count (say both numbers); a name not in featureNames (ordinal: case matters) or sent twice
        // (say "twice"); a NaN or an infinity (either sign). Each message names the field. Otherwise return the values
        // placed by name at the metadata's index. Null arguments throw ArgumentNullException.
        throw new NotImplementedException("Exercise 7.4 (FeatureValidator.ToVector) is not solved yet. Hint: dotnet run --project grader -- hint 7.4");
    }
}
