using Grpc.Core;
using Katas.Prediction.Protocol;

namespace Katas.Prediction.HiddenTests;

[HiddenTests("7.4")]
public sealed class FeatureValidatorHiddenTests
{
    private static readonly string[] Names = ["radius", "texture", "perimeter", "area"];

    private static Features Request(params (string Name, float Value)[] values)
    {
        var request = new Features();
        foreach ((string name, float value) in values)
        {
            request.Values.Add(new Feature { Name = name, Value = value });
        }

        return request;
    }

    private static string Refusal(Features request)
    {
        RpcException e = FluentActions.Invoking(() => FeatureValidator.ToVector(request, Names)).Should().Throw<RpcException>().Which;
        e.StatusCode.Should().Be(StatusCode.InvalidArgument);
        return e.Status.Detail;
    }

    [KataTheory]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void Infinities_are_refused_naming_the_field(float value) =>
        Refusal(Request(("radius", 1f), ("texture", 2f), ("perimeter", 3f), ("area", value))).Should().Contain("area");

    [KataFact]
    public void A_name_sent_twice_is_named_even_with_the_right_count() =>
        Refusal(Request(("radius", 1f), ("texture", 2f), ("texture", 3f), ("area", 4f))).Should().Contain("texture").And.Contain("twice");

    [KataFact]
    public void Names_are_case_sensitive() =>
        Refusal(Request(("Radius", 1f), ("texture", 2f), ("perimeter", 3f), ("area", 4f))).Should().Contain("Radius");

    [KataFact]
    public void No_feature_at_all_is_a_wrong_count() =>
        Refusal(new Features()).Should().Contain("0");

    [KataFact]
    public void Null_is_the_callers_mistake()
    {
        FluentActions.Invoking(() => FeatureValidator.ToVector(null!, Names)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => FeatureValidator.ToVector(new Features(), null!)).Should().Throw<ArgumentNullException>();
    }

    [KataFact]
    public void Extreme_finite_values_are_values() =>
        FeatureValidator.ToVector(Request(("radius", float.MaxValue), ("texture", -0f), ("perimeter", float.Epsilon), ("area", float.MinValue)), Names)
            .Should().Equal([float.MaxValue, -0f, float.Epsilon, float.MinValue]);
}
