using System.Runtime.Loader;

namespace Katas.CompileTime.HiddenTests;

[HiddenTests("3.1")]
public sealed class VersioningHiddenTests
{
    [KataFact]
    public void Experiments_in_a_row_each_see_their_own_versions()
    {
        Versioning.Observe(builtAgainst: 5, deployed: 5).Should().Be(new Observation(5, 5), "built against the version that is deployed, the consumer sees it twice");
        Versioning.Observe(builtAgainst: 2, deployed: 1).Should().Be(new Observation(2, 1), "a downgrade is no different: the const stays the one compiled in");
        Versioning.Observe(builtAgainst: -1, deployed: int.MaxValue).Should().Be(new Observation(-1, int.MaxValue),
            "every experiment needs a context of its own: a library's name loads once per context");
    }

    [KataFact]
    public void The_experiment_runs_in_a_collectible_context_not_in_the_default_one()
    {
        _ = Versioning.Observe(builtAgainst: 3, deployed: 4);

        AssemblyLoadContext.Default.Assemblies.Select(a => a.GetName().Name).Should().NotContain(["Katas.Versioned", "Katas.Consumer"],
            "the default context keeps what it loads until the process ends, and loads one version of a name at most");
        foreach (AssemblyLoadContext context in AssemblyLoadContext.All)
        {
            if (context.Assemblies.Any(a => a.GetName().Name == "Katas.Consumer"))
            {
                context.IsCollectible.Should().BeTrue("a context that cannot be unloaded keeps both builds in memory for good; create it collectible and unload it");
            }
        }
    }

    [KataFact]
    public void Nothing_keeps_the_context_alive_once_the_experiment_is_over()
    {
        _ = Versioning.Observe(builtAgainst: 6, deployed: 7);

        // A collectible context goes, with its assemblies, once the collector finds nothing that uses it
        // (Unload starts that at once; the finalizer of an unreachable context would start it later).
        // A context kept in a field, or one that is not collectible, stays however often the collector runs.
        for (int round = 0; round < 50 && HoldsTheConsumer(); round++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        HoldsTheConsumer().Should().BeFalse("the experiment's assemblies must be freed after it: a collectible context that nothing references once Observe returns, unloaded");
    }

    private static bool HoldsTheConsumer() =>
        AssemblyLoadContext.All.Any(context => context.Assemblies.Any(a => a.GetName().Name == "Katas.Consumer"));

    [KataFact]
    public void Compile_accepts_warnings_and_validates_its_arguments()
    {
        byte[] withWarning = Versioning.Compile("Katas.Warned", "public static class W { public static void F() { int unused; } }");
        withWarning.Should().NotBeEmpty("a warning (CS0168, a variable never used) is not an error: the library is built");

        Action noName = () => Versioning.Compile(" ", "public class C { }");
        noName.Should().Throw<ArgumentException>("an assembly needs a name").Which.ParamName.Should().Be("assemblyName");
        Action noSource = () => Versioning.Compile("Katas.Null", null!);
        noSource.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("source");
        Action noReferences = () => Versioning.Compile("Katas.Null", "public class C { }", (IEnumerable<byte[]>)null!);
        noReferences.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("references");
    }

    [KataFact]
    public void Compile_reports_every_error_and_a_missing_reference()
    {
        Action twoErrors = () => Versioning.Compile("Katas.TwoErrors", "public class C { int F() => \"text\"; void G() { undefined(); } }");
        twoErrors.Should().Throw<InvalidOperationException>().Which.Message.Should().Contain("CS0029").And.Contain("CS0103",
            "every error is listed, not only the first");

        Action unreferenced = () => Versioning.Compile(Versioning.ConsumerName, Versioning.ConsumerSource);
        unreferenced.Should().Throw<InvalidOperationException>("the consumer does not compile without the library among its references")
            .Which.Message.Should().Contain("CS0234", "the namespace Katas.Versioned does not exist without it");
    }
}
