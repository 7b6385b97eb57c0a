using Grpc.Core;
using Katas.Prediction.Protocol;

namespace Katas.Prediction.Tests;

[Exercise("7.4", "Validate a request's features by name", Points = 10, StudentFiles = "FeatureValidator.cs", Hint = """
    The model takes 30 unnamed floats; the client sends 30 named ones, in whatever order it likes. What places a
    value at its index? And what must a server answer a request with a missing, unknown or non-finite value, so that
    the client knows which field to fix and the server goes on serving everyone else?
    """, MoreHint = """
    A Dictionary<string, int> from the metadata's names to indexes (ordinal), a float[] filled by index, a bool[] of
    names seen; float.IsFinite; throw new RpcException(new Status(StatusCode.InvalidArgument, "... 'name' ...")).
    The hidden tests also send infinities, a name twice (with the right count), a name in another case, no feature.
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

    private static RpcException Refusal(Features request)
    {
        RpcException e = FluentActions.Invoking(() => FeatureValidator.ToVector(request, Names)).Should().Throw<RpcException>().Which;
        e.StatusCode.Should().Be(StatusCode.InvalidArgument, "a bad request is the client's mistake: InvalidArgument");
        return e;
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
}
