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

    private static string Refusal(Features request) => Refusal(() => FeatureValidator.ToVector(request, Names));

    private static string Refusal(Action validate)
    {
        RpcException e = FluentActions.Invoking(validate).Should().Throw<RpcException>().Which;
        e.StatusCode.Should().Be(StatusCode.InvalidArgument);
        return e.Status.Detail;
    }

    private static Row Row(params float[] values)
    {
        var row = new Row();
        row.Values.AddRange(values);
        return row;
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

    [KataFact]
    public void Positions_refuse_an_unknown_name_naming_it() =>
        Refusal(() => FeatureValidator.Positions(["radius", "texture", "volume", "area"], Names)).Should().Contain("'volume'");

    [KataFact]
    public void Positions_refuse_a_name_given_twice() =>
        Refusal(() => FeatureValidator.Positions(["radius", "area", "texture", "area"], Names)).Should().Contain("'area'").And.Contain("twice");

    [KataFact]
    public void Positions_refuse_a_missing_name_naming_it_and_both_counts() =>
        Refusal(() => FeatureValidator.Positions(["area", "radius", "texture"], Names)).Should().Contain("'perimeter'").And.Contain("4").And.Contain("3");

    [KataFact]
    public void A_row_with_too_many_values_is_refused() =>
        Refusal(() => FeatureValidator.ToVector(Row(1f, 2f, 3f, 4f, 5f), Names, [0, 1, 2, 3])).Should().Contain("4").And.Contain("5");

    [KataTheory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void A_non_finite_value_in_a_row_is_refused_naming_its_feature(float value)
    {
        string[] names = ["area", "radius", "perimeter", "texture"];

        Refusal(() => FeatureValidator.ToVector(Row(4f, value, 3f, 2f), names, [3, 0, 2, 1])).Should().Contain("'radius'", "value 1 is the row's value of names[1]");
    }

    [KataFact]
    public void Null_is_the_callers_mistake_for_a_batch_too()
    {
        FluentActions.Invoking(() => FeatureValidator.Positions(null!, Names)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => FeatureValidator.Positions(Names, null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => FeatureValidator.ToVector((Row)null!, Names, [0, 1, 2, 3])).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => FeatureValidator.ToVector(Row(1f, 2f, 3f, 4f), null!, [0, 1, 2, 3])).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => FeatureValidator.ToVector(Row(1f, 2f, 3f, 4f), Names, null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => FeatureValidator.ToVector(Row(1f, 2f, 3f), Names, [0, 1, 2]))
            .Should().Throw<ArgumentException>("positions not made from these names are the caller's mistake, not the client's");
    }
}
