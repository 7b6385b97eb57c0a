using Grpc.Core;
using Katas.Prediction.Protocol;

namespace Katas.Prediction.Tests;

[Exercise("7.4", "Validate a request's features by name", Points = 10, StudentFiles = "FeatureValidator.cs", Hint = """
    The model takes 30 unnamed floats; the client sends 30 named ones, in whatever order it likes. What places a
    value at its index? And what must a server answer a request with a missing, unknown or non-finite value, so that
    the client knows which field to fix and the server goes on serving everyone else?
    """, MoreHint = """
    Positions: a Dictionary<string, int> from the metadata's names to indexes (ordinal), an int[] of where each
    name goes, a bool[] of names seen. ToVector of a Row: a float[] filled at positions[i], float.IsFinite, nothing
    per row but that. ToVector of Features: its names through Positions, then its values like a row's. Refuse with
    throw new RpcException(new Status(StatusCode.InvalidArgument, "... 'name' ...")). The hidden tests also send
    infinities, a name twice (with the right count), a name in another case, no feature, a missing name, a row too
    long, a non-finite value in a row.
    """, Recap = """
    Validate at the boundary, by name, and say which field is wrong: position is an accident of the client's code
    (the Rust plan: a serde struct with named fields, or a HashMap validated into a fixed-size array; tonic's
    Status::invalid_argument).
    """)]
public sealed class FeatureValidatorTests
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

    private static RpcException Refusal(Features request) => Refusal(() => FeatureValidator.ToVector(request, Names));

    private static RpcException Refusal(Action validate)
    {
        RpcException e = FluentActions.Invoking(validate).Should().Throw<RpcException>().Which;
        e.StatusCode.Should().Be(StatusCode.InvalidArgument, "a bad request is the client's mistake: InvalidArgument");
        return e;
    }

    private static Row Row(params float[] values)
    {
        var row = new Row();
        row.Values.AddRange(values);
        return row;
    }

    [KataFact]
    public void Values_land_at_the_metadatas_index_whatever_the_requests_order()
    {
        float[] vector = FeatureValidator.ToVector(Request(("area", 4f), ("radius", 1f), ("perimeter", 3f), ("texture", 2f)), Names);

        vector.Should().Equal([1f, 2f, 3f, 4f], "the metadata's order is the model's: radius at 0, texture at 1, ... whatever order the client sent");
    }

    [KataFact]
    public void A_wrong_count_says_how_many_were_expected()
    {
        RpcException e = Refusal(Request(("radius", 1f), ("texture", 2f), ("perimeter", 3f)));

        e.Status.Detail.Should().Contain("4").And.Contain("3", "the message says how many features the model takes and how many came");
    }

    [KataFact]
    public void An_unknown_name_is_named()
    {
        RpcException e = Refusal(Request(("radius", 1f), ("texture", 2f), ("perimeter", 3f), ("volume", 4f)));

        e.Status.Detail.Should().Contain("volume", "the client must learn which field to fix");
    }

    [KataFact]
    public void NaN_is_refused_naming_the_field()
    {
        RpcException e = Refusal(Request(("radius", 1f), ("texture", float.NaN), ("perimeter", 3f), ("area", 4f)));

        e.Status.Detail.Should().Contain("texture", "a NaN would give a NaN probability: refuse it and name the field");
    }

    [KataFact]
    public void Positions_say_where_each_name_goes_in_the_model()
    {
        int[] positions = FeatureValidator.Positions(["area", "radius", "perimeter", "texture"], Names);

        positions.Should().Equal([3, 0, 2, 1], "area is the model's feature 3, radius its feature 0, ...");
    }

    [KataFact]
    public void A_rows_values_land_at_their_names_positions()
    {
        string[] names = ["area", "radius", "perimeter", "texture"];

        float[] vector = FeatureValidator.ToVector(Row(4f, 1f, 3f, 2f), names, FeatureValidator.Positions(names, Names));

        vector.Should().Equal([1f, 2f, 3f, 4f], "a row's value i is the value of name i, placed where the model wants it");
    }

    [KataFact]
    public void A_row_with_a_wrong_count_says_both_numbers()
    {
        RpcException e = Refusal(() => FeatureValidator.ToVector(Row(1f, 2f, 3f), Names, [0, 1, 2, 3]));

        e.Status.Detail.Should().Contain("4").And.Contain("3", "the message says how many values the names ask for and how many came");
    }
}
