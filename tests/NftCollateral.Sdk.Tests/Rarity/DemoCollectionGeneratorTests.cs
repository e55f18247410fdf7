using NftCollateral.Sdk.Rarity;

namespace NftCollateral.Sdk.Tests.Rarity;

/// <summary><see cref="DemoCollectionGenerator"/>: determinism, size, and the realistic shape it promises.</summary>
public sealed class DemoCollectionGeneratorTests
{
    private static readonly Lazy<IReadOnlyList<TokenTraits>> Default = new(() => DemoCollectionGenerator.Generate());

    private static string[] Flatten(IReadOnlyList<TokenTraits> tokens) =>
        tokens.Select(t => t.TokenId + ": " + string.Join("; ", t.Traits.Select(v => $"{v.TraitType}={v.Kind}:{v.Text}"))).ToArray();

    [Fact]
    public void Generate_SameSeed_IdenticalIdsAndTraits()
    {
        IReadOnlyList<TokenTraits> first = DemoCollectionGenerator.Generate(500, seed: 42);
        IReadOnlyList<TokenTraits> second = DemoCollectionGenerator.Generate(500, seed: 42);

        Flatten(first).ShouldBe(Flatten(second));
    }

    [Fact]
    public void Generate_DefaultArguments_Deterministic()
    {
        Flatten(DemoCollectionGenerator.Generate()).ShouldBe(Flatten(Default.Value));
    }

    [Fact]
    public void Generate_DifferentSeed_DifferentCollection()
    {
        string[] a = Flatten(DemoCollectionGenerator.Generate(500, seed: 42));
        string[] b = Flatten(DemoCollectionGenerator.Generate(500, seed: 43));

        a.Length.ShouldBe(b.Length);
        a.Zip(b).Count(p => p.First != p.Second).ShouldBeGreaterThan(250); // most tokens differ, not just one
    }

    [Fact]
    public void Generate_DefaultSize_5000TokensWithIdsZeroToN()
    {
        IReadOnlyList<TokenTraits> tokens = Default.Value;

        DemoCollectionGenerator.DefaultTokenCount.ShouldBe(5000);
        tokens.Count.ShouldBe(5000);
        tokens.Select(t => t.TokenId).ShouldBe(Enumerable.Range(0, 5000).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(37)]
    public void Generate_RequestedSize_ExactlyThatManyDistinctIds(int count)
    {
        IReadOnlyList<TokenTraits> tokens = DemoCollectionGenerator.Generate(count, seed: 9);

        tokens.Count.ShouldBe(count);
        tokens.Select(t => t.TokenId).Distinct().Count().ShouldBe(count);
    }

    [Fact]
    public void Generate_Default_SixToNineTraitTypes()
    {
        int types = Default.Value.SelectMany(t => t.Traits).Select(v => v.TraitType).Distinct().Count();

        types.ShouldBeInRange(6, 9);
    }

    [Fact]
    public void Generate_Default_TextTraitsOnlyAndAtMostOneValuePerTraitType()
    {
        foreach (TokenTraits token in Default.Value)
        {
            token.Traits.ShouldAllBe(v => v.Kind == TraitValueKind.Text && !string.IsNullOrWhiteSpace(v.Text));
            token.Traits.Select(v => v.TraitType).Distinct().Count().ShouldBe(token.Traits.Count, $"token {token.TokenId}");
        }
    }

    [Fact]
    public void Generate_Default_SomeTokensLackSomeTraits()
    {
        int types = Default.Value.SelectMany(t => t.Traits).Select(v => v.TraitType).Distinct().Count();

        Default.Value.Count(t => t.Traits.Count < types).ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Generate_Default_ValueFrequenciesAreZipfLike()
    {
        foreach (IGrouping<string, TraitValue> trait in Default.Value.SelectMany(t => t.Traits).GroupBy(v => v.TraitType))
        {
            int[] counts = trait.GroupBy(v => v.Text).Select(g => g.Count()).OrderBy(c => c).ToArray();
            counts.Length.ShouldBeGreaterThan(2, trait.Key);
            double median = counts.Length % 2 == 1
                ? counts[counts.Length / 2]
                : (counts[(counts.Length / 2) - 1] + counts[counts.Length / 2]) / 2.0;
            ((double)counts[^1]).ShouldBeGreaterThanOrEqualTo(3 * median, $"{trait.Key}: top {counts[^1]}, median {median}");
        }
    }

    [Fact]
    public void Generate_Default_SomeValueHeldByExactlyOneToken()
    {
        bool oneOfOne = Default.Value.SelectMany(t => t.Traits)
            .GroupBy(v => (v.TraitType, v.Text))
            .Any(g => g.Count() == 1);

        oneOfOne.ShouldBeTrue();
    }

    [Fact]
    public void Generate_Default_BuildsAndScores()
    {
        RarityResult result = RarityScorers.OpenRarity.Score(TraitTable.Build(Default.Value));

        result.TokenCount.ShouldBe(5000);
        result.UniqueTraitCounts.ToArray().ShouldContain(c => c > 0);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void Generate_TokenCountBelowOne_ThrowsArgumentOutOfRange(int count)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => DemoCollectionGenerator.Generate(count));
    }
}
