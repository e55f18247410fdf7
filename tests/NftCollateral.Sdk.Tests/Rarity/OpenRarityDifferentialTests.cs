using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using NftCollateral.Sdk.Rarity;
using NftCollateral.Sdk.Text;
using Xunit.Abstractions;

namespace NftCollateral.Sdk.Tests.Rarity;

/// <summary>
/// Differential tests: the library's OpenRarity engine against <see cref="ReferenceOpenRarity"/>, an independent and
/// literal port of shared/specs/rarity.md §2, on collections with no expected file; plus spec facts read from the data.
/// </summary>
public sealed class OpenRarityDifferentialTests(ITestOutputHelper output)
{
    private const double RelativeTolerance = 1e-12;
    private const string Punks = "cryptopunks-traits.json";
    private const string Synthetic = "synthetic-edgecases-traits.json";

    // ---------------------------------------------------------------- full collections

    [Fact]
    public void CryptoPunks_LibraryAgreesWithReference_RanksUniqueCountsAndScores()
    {
        double worst = CompareFile(Punks, expectedTokens: 10_000);
        output.WriteLine($"CryptoPunks worst relative score difference: {worst:R}");
    }

    [Fact]
    public void Synthetic_LibraryAgreesWithReference_RanksUniqueCountsAndScores()
    {
        double worst = CompareFile(Synthetic, expectedTokens: 3_000);
        output.WriteLine($"Synthetic worst relative score difference: {worst:R}");
    }

    [Fact]
    public void LibraryLoader_ReadsSameTokensAndAttributesInSameOrder_AsReferenceReader()
    {
        foreach (string file in new[] { Punks, Synthetic })
        {
            List<ReferenceToken> raw = ReferenceOpenRarity.ReadTraitsFile(SharedData.Path("data", file));
            IReadOnlyList<TokenTraits> loaded = SharedData.LoadTraits(file).Tokens;
            loaded.Count.ShouldBe(raw.Count);
            for (int i = 0; i < raw.Count; i++)
            {
                loaded[i].TokenId.ShouldBe(raw[i].TokenId);
                loaded[i].Traits.Select(t => (t.TraitType, t.Kind, t.Text))
                    .ShouldBe(raw[i].Attributes.Select(a => (a.TraitType, TraitValueKind.Text, (string?)a.Value)), $"{file} token {raw[i].TokenId}");
            }
        }
    }

    // ---------------------------------------------------------------- spec facts from the data

    [Fact]
    public void Synthetic_EmptyToken14_RanksFirst()
    {
        List<ReferenceToken> raw = ReferenceOpenRarity.ReadTraitsFile(SharedData.Path("data", Synthetic));
        raw.Single(t => t.TokenId == "14").Attributes.ShouldBeEmpty();

        RarityResult result = ScoreLibrary(Synthetic);
        TokenRarity token = result.GetToken("14");
        token.Rank.ShouldBe(1);
        token.UniqueTraitCount.ShouldBe(1); // only its trait count "0" is unique: Nulls never count (§2.9)
        result.InRankOrder().First().TokenId.ShouldBe("14");
        ReferenceOpenRarity.Rank(raw)["14"].Rank.ShouldBe(1);
    }

    [Fact]
    public void Synthetic_DuplicateTokens_ShareRankAndScore()
    {
        List<ReferenceToken> raw = ReferenceOpenRarity.ReadTraitsFile(SharedData.Path("data", Synthetic));
        List<string[]> groups = raw
            .GroupBy(t => NormalizedKey(t.Attributes))
            .Where(g => g.Count() > 1)
            .Select(g => g.Select(t => t.TokenId).ToArray())
            .ToList();

        groups.ShouldContain(g => g.Contains("15") && g.Contains("16"), "the generator's intentional duplicate pair 15/16");
        output.WriteLine("duplicate groups: " + string.Join("; ", groups.Select(g => string.Join(",", g))));

        RarityResult result = ScoreLibrary(Synthetic);
        Dictionary<string, ReferenceRarity> reference = ReferenceOpenRarity.Rank(raw);
        foreach (string[] group in groups)
        {
            TokenRarity first = result.GetToken(group[0]);
            foreach (string id in group.Skip(1))
            {
                TokenRarity other = result.GetToken(id);
                other.Rank.ShouldBe(first.Rank, $"library rank of duplicate {id} vs {group[0]}");
                other.Score.ShouldBe(first.Score, $"library score of duplicate {id} vs {group[0]}");
                reference[id].Rank.ShouldBe(reference[group[0]].Rank, $"reference rank of duplicate {id} vs {group[0]}");
            }
        }
    }

    [Fact]
    public void CryptoPunks_TypeCounts_MatchWellKnownFigures()
    {
        TraitTable table = TraitTable.Build(SharedData.LoadTraits(Punks).Tokens);
        TraitType type = table.TraitTypes[table.IndexOfTraitType("type")];
        type.Name.ShouldBe("type");
        type.NullCount.ShouldBe(0);
        ValueCounts(type).ShouldBe(
            new Dictionary<string, int> { ["male"] = 6039, ["female"] = 3840, ["zombie"] = 88, ["ape"] = 24, ["alien"] = 9 },
            ignoreOrder: true);
    }

    [Fact]
    public void CryptoPunks_TraitCountMetaTrait_IsAccessoryCountPlusType()
    {
        // Well-known accessory-count distribution (spec §5). The meta trait counts every non-"none" string attribute,
        // Type included, so its value is accessories + 1.
        var accessoryFigures = new Dictionary<int, int>
        {
            [0] = 8, [1] = 333, [2] = 3560, [3] = 4501, [4] = 1420, [5] = 166, [6] = 11, [7] = 1,
        };

        // From the raw data: every punk has a Type and accessories in the other columns.
        List<ReferenceToken> raw = ReferenceOpenRarity.ReadTraitsFile(SharedData.Path("data", Punks));
        raw.ShouldAllBe(t => t.Attributes.Count(a => a.TraitType == "Type") == 1);
        raw.GroupBy(t => t.Attributes.Count - 1).ToDictionary(g => g.Key, g => g.Count())
            .ShouldBe(accessoryFigures, ignoreOrder: true);

        // From the library's table: meta trait value "k+1" held by figures[k] tokens; no "0", no Null.
        TraitTable table = TraitTable.Build(SharedData.LoadTraits(Punks).Tokens);
        TraitType traitCount = table.TraitTypes[table.IndexOfTraitType(TraitType.TraitCountName)];
        traitCount.IsTraitCount.ShouldBeTrue();
        traitCount.NullCount.ShouldBe(0);
        ValueCounts(traitCount).ShouldBe(
            accessoryFigures.ToDictionary(kv => (kv.Key + 1).ToString(CultureInfo.InvariantCulture), kv => kv.Value),
            ignoreOrder: true);
    }

    // ---------------------------------------------------------------- small explicit cases

    [Fact]
    public void SingleToken_ScoresZeroAndRanksFirst()
    {
        ReferenceToken[] tokens = [new("only", [("Hat", "Cap"), ("Eyes", "Blue")])];

        RarityResult result = ScoreLibrary(tokens);
        TokenRarity token = result.GetToken("only");
        token.Score.ShouldBe(0.0); // -0.0 == 0.0
        token.Rank.ShouldBe(1);

        ReferenceRarity reference = ReferenceOpenRarity.Rank(tokens)["only"];
        reference.Score.ShouldBe(0.0);
        reference.Rank.ShouldBe(1);
    }

    [Fact]
    public void UniformCollection_EveryScoreIsOne()
    {
        // 2 traits x 10 values, every combination once: all values equally frequent, every token distinct.
        ReferenceToken[] tokens = Enumerable.Range(0, 100)
            .Select(i => new ReferenceToken(
                i.ToString(CultureInfo.InvariantCulture),
                [("Trait1", "v" + (i / 10).ToString(CultureInfo.InvariantCulture)), ("Trait2", "v" + (i % 10).ToString(CultureInfo.InvariantCulture))]))
            .ToArray();

        RarityResult result = ScoreLibrary(tokens);
        Dictionary<string, ReferenceRarity> reference = ReferenceOpenRarity.Rank(tokens);
        foreach (ReferenceToken token in tokens)
        {
            TokenRarity actual = result.GetToken(token.TokenId);
            RelativeDifference(1.0, actual.Score).ShouldBeLessThanOrEqualTo(RelativeTolerance, $"library score of {token.TokenId}: {actual.Score:R}");
            actual.Rank.ShouldBe(1);
            RelativeDifference(1.0, reference[token.TokenId].Score).ShouldBeLessThanOrEqualTo(RelativeTolerance, $"reference score of {token.TokenId}");
            reference[token.TokenId].Rank.ShouldBe(1);
        }
    }

    [Fact]
    public void MissingTrait_ScoresTheSameAsExplicitNoneOnTheSameTokens()
    {
        // §2.5: tokens 5..7 lack "Hat" in one collection and have Hat = "None" in the other. "None" first appears after
        // every other Hat value, so entropy terms come in the same order and scores must be bit-identical.
        string[] hats = ["h1", "h1", "h2", "h3", "h2"];
        string[] eyes = ["e1", "e2", "e1", "e1", "e3", "e2", "e1", "e4"];
        ReferenceToken[] missing = eyes.Select((e, i) => new ReferenceToken(
            i.ToString(CultureInfo.InvariantCulture),
            i < hats.Length ? [("Eyes", e), ("Hat", hats[i])] : [("Eyes", e)])).ToArray();
        ReferenceToken[] none = eyes.Select((e, i) => new ReferenceToken(
            i.ToString(CultureInfo.InvariantCulture),
            [("Eyes", e), ("Hat", i < hats.Length ? hats[i] : "None")])).ToArray();

        RarityResult withMissing = ScoreLibrary(missing);
        RarityResult withNone = ScoreLibrary(none);
        Dictionary<string, ReferenceRarity> refMissing = ReferenceOpenRarity.Rank(missing);
        Dictionary<string, ReferenceRarity> refNone = ReferenceOpenRarity.Rank(none);
        for (int i = 0; i < eyes.Length; i++)
        {
            string id = i.ToString(CultureInfo.InvariantCulture);
            withNone.GetToken(id).Score.ShouldBe(withMissing.GetToken(id).Score, $"library, token {id}");
            withNone.GetToken(id).Rank.ShouldBe(withMissing.GetToken(id).Rank, $"library, token {id}");
            refNone[id].Score.ShouldBe(refMissing[id].Score, $"reference, token {id}");
            refNone[id].Rank.ShouldBe(refMissing[id].Rank, $"reference, token {id}");
        }

        withMissing.CollectionEntropy!.Value.ShouldBe(withNone.CollectionEntropy!.Value);
    }

    [Fact]
    public void Reference_ReproducesSpecWorkedExample()
    {
        // Guards the reference itself (§2.13): exact scores and competition ranks.
        string[][] rows = [["v1", "v1", "v1"], ["v1", "v1", "v1"], ["v2", "v1", "v3"], ["v2", "v2", "v3"], ["v3", "v3", "v3"]];
        ReferenceToken[] tokens = rows.Select((r, i) => new ReferenceToken(
            i.ToString(CultureInfo.InvariantCulture), [("trait1", r[0]), ("trait2", r[1]), ("trait3", r[2])])).ToArray();

        Dictionary<string, ReferenceRarity> reference = ReferenceOpenRarity.Rank(tokens);
        reference["4"].ShouldBe(new ReferenceRarity(1, 1.3926137488801251, 2));
        reference["3"].ShouldBe(new ReferenceRarity(2, 1.1338031424711967, 1));
        reference["0"].ShouldBe(new ReferenceRarity(3, 0.8749925360622679, 0));
        reference["1"].ShouldBe(new ReferenceRarity(3, 0.8749925360622679, 0));
        reference["2"].ShouldBe(new ReferenceRarity(5, 0.7235980365241422, 0));
    }

    [Fact]
    public void Reference_ReproducesBaycExpectedFile()
    {
        // Guards the reference itself against the real OpenRarity output (shared/conformance).
        using var expected = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(SharedData.Path("conformance", "openrarity-bayc-expected.json")));
        Dictionary<string, ReferenceRarity> reference = ReferenceOpenRarity.Rank(
            ReferenceOpenRarity.ReadTraitsFile(SharedData.Path("data", "bayc-traits.json")));
        reference.Count.ShouldBe(10_000);
        double worst = 0;
        var rankMismatches = new List<string>();
        foreach (System.Text.Json.JsonProperty entry in expected.RootElement.GetProperty("ranks").EnumerateObject())
        {
            ReferenceRarity actual = reference[entry.Name];
            int rank = entry.Value.GetProperty("rank").GetInt32();
            if (actual.Rank != rank)
            {
                rankMismatches.Add($"{entry.Name}: expected {rank}, reference {actual.Rank}");
            }

            worst = Math.Max(worst, RelativeDifference(entry.Value.GetProperty("score").GetDouble(), actual.Score));
        }

        output.WriteLine($"reference vs OpenRarity BAYC worst relative score difference: {worst:R}");
        rankMismatches.ShouldBeEmpty();
        worst.ShouldBeLessThanOrEqualTo(RelativeTolerance);
    }

    [Fact]
    public void Reference_NumpyPairwiseSum_FollowsBlockStructure()
    {
        // 8..128 elements: eight accumulators combined as ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)), then the tail.
        // With 1e16 and 1.0 the association is visible in the result.
        double[] a = [1e16, 1, 1, 1, 1, 1, 1, 1, 1];
        ReferenceOpenRarity.NumpyPairwiseSum(a, 0, a.Length).ShouldBe(((1e16 + 1) + (1.0 + 1)) + ((1.0 + 1) + (1.0 + 1)) + 1);
        double[] b = [1e16, 1, 1, 1];
        ReferenceOpenRarity.NumpyPairwiseSum(b, 0, b.Length).ShouldBe(((1e16 + 1) + 1) + 1);
        ReferenceOpenRarity.CompareCodePoints("\uFF41", "\U0001D4B3").ShouldBeLessThan(0); // code point, not UTF-16 order
    }

    // ---------------------------------------------------------------- random collections

    private static readonly string[] NamePool =
        ["Hat", "hat ", " HAT", "Eyes", "eyes\t", "Mouth", "Straße", "\uFF21rm", "\U0001D4B3tra", "Z", "a"];

    private static readonly string[] ValuePool =
        ["None", "none", "", "null", "Null", "x", "X ", "ß", "İ", "i\u0307", "a", "b"];

    private static readonly string[] MetaNames = [TraitType.TraitCountName, " Meta_Trait:Trait_Count"];

    private static readonly string[] MetaValues = ["3", "1", "none", "", "x"];

    [Fact]
    public void RandomCollections_LibraryAgreesWithReference()
    {
        Property property = Prop.ForAll(RandomCollectionGen().ToArbitrary(), collection =>
        {
            AssertAgree(ScoreLibrary(collection.Tokens), collection.Tokens, ReferenceOpenRarity.Rank(collection.Tokens), collection.ToString());
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(100), property);
    }

    [Fact]
    public void RandomCollectionGenerator_CoversTheEdgeCases()
    {
        // Makes sure the property above actually sees what it is meant to see.
        // 2,000 samples: with 1 to 60 tokens per collection, missing a 1-token collection has odds of (59/60)^2000 ≈ 1e-15.
        RandomCollection[] sample = [.. Gen.Sample(RandomCollectionGen(), 2000)];
        IEnumerable<ReferenceToken> tokens = sample.SelectMany(c => c.Tokens);
        tokens.ShouldContain(t => t.Attributes.Count == 0, "empty token");
        tokens.ShouldContain(t => t.Attributes.Any(a => PythonString.LowerStrip(a.TraitType) == TraitType.TraitCountName), "meta trait in input");
        tokens.ShouldContain(
            t => t.Attributes.GroupBy(a => PythonString.LowerStrip(a.TraitType)).Any(g => g.Select(a => a.Value).Distinct().Count() > 1),
            "repeated name with another value");
        sample.ShouldContain(c => c.Tokens.Length == 1, "single-token collection");
        sample.ShouldContain(c => c.Tokens.Length >= 40, "large collection");
    }

    /// <summary>A generated collection; <see cref="ToString"/> prints it for FsCheck's counterexample.</summary>
    internal sealed record RandomCollection(ReferenceToken[] Tokens)
    {
        public override string ToString()
        {
            var sb = new StringBuilder();
            sb.Append(Tokens.Length).Append(" tokens:");
            foreach (ReferenceToken token in Tokens)
            {
                sb.Append(" [").Append(token.TokenId).Append(": ")
                    .Append(string.Join(", ", token.Attributes.Select(a => $"{Escape(a.TraitType)}={Escape(a.Value)}")))
                    .Append(']');
            }

            return sb.ToString();
        }

        private static string Escape(string s) =>
            "\"" + string.Concat(s.Select(c => c is < ' ' or > '~' ? $"\\u{(int)c:X4}" : c.ToString())) + "\"";
    }

    private static Gen<RandomCollection> RandomCollectionGen() =>
        from nameCount in Gen.Choose(1, 6)
        from names in Gen.ArrayOf(Gen.Elements(NamePool), nameCount)
        from tokenCount in Gen.Choose(1, 60)
        from tokens in Gen.ArrayOf(TokenAttributesGen(names), tokenCount)
        select new RandomCollection(tokens
            .Select((attributes, i) => new ReferenceToken("#" + i.ToString(CultureInfo.InvariantCulture), attributes))
            .ToArray());

    private static Gen<List<(string, string)>> TokenAttributesGen(string[] names)
    {
        Gen<string> value = Gen.Elements(ValuePool);
        Gen<(string, string)?> MaybeAttribute(string name) => Gen.Frequency(
            (3, value.Select(v => ((string, string)?)(name, v))),
            (1, Gen.Constant<(string, string)?>(null)));

        Gen<List<(string, string)>> regular =
            from present in Gen.CollectToArray(names.Select(MaybeAttribute))
            let basic = present.Where(a => a.HasValue).Select(a => a!.Value).ToArray()
            from shuffled in Gen.Shuffle(basic)
            from repeat in Gen.Frequency((1, Gen.Constant(true)), (7, Gen.Constant(false)))
            from repeatName in Gen.Elements(names)
            from repeatValue in value
            from meta in Gen.Frequency((1, Gen.Constant(true)), (9, Gen.Constant(false)))
            from metaName in Gen.Elements(MetaNames)
            from metaValue in Gen.Elements(MetaValues)
            from metaPosition in Gen.Choose(0, shuffled.Length)
            select Build(shuffled, repeat, repeatName, repeatValue, meta, metaName, metaValue, metaPosition);

        return Gen.Frequency(
            (1, Gen.Constant(new List<(string, string)>())),
            (14, regular));
    }

    private static List<(string, string)> Build(
        (string, string)[] attributes,
        bool repeat,
        string repeatName,
        string repeatValue,
        bool meta,
        string metaName,
        string metaValue,
        int metaPosition)
    {
        var result = attributes.ToList();
        if (meta)
        {
            result.Insert(metaPosition, (metaName, metaValue));
        }

        if (repeat)
        {
            result.Add((repeatName, repeatValue));
        }

        return result;
    }

    // ---------------------------------------------------------------- helpers

    private static double CompareFile(string file, int expectedTokens)
    {
        List<ReferenceToken> raw = ReferenceOpenRarity.ReadTraitsFile(SharedData.Path("data", file));
        raw.Count.ShouldBe(expectedTokens);
        RarityResult result = ScoreLibrary(file);
        return AssertAgree(result, raw, ReferenceOpenRarity.Rank(raw), file);
    }

    private static RarityResult ScoreLibrary(string file) =>
        OpenRarityScorer.Instance.Score(TraitTable.Build(SharedData.LoadTraits(file).Tokens));

    private static RarityResult ScoreLibrary(IEnumerable<ReferenceToken> tokens) =>
        OpenRarityScorer.Instance.Score(TraitTable.Build(tokens.Select(t => new TokenTraits(
            t.TokenId,
            t.Attributes.Select(a => TraitValue.FromText(a.TraitType, a.Value)).ToArray()))));

    /// <summary>Asserts identical ranks and unique counts and scores within the tolerance; returns the worst relative difference.</summary>
    private static double AssertAgree(
        RarityResult library, IReadOnlyList<ReferenceToken> tokens, Dictionary<string, ReferenceRarity> reference, string label)
    {
        library.TokenCount.ShouldBe(tokens.Count, label);
        reference.Count.ShouldBe(tokens.Count, label);
        var mismatches = new List<string>();
        double worst = 0;
        foreach (ReferenceToken token in tokens)
        {
            TokenRarity actual = library.GetToken(token.TokenId);
            ReferenceRarity expected = reference[token.TokenId];
            double relative = RelativeDifference(expected.Score, actual.Score);
            worst = Math.Max(worst, relative);
            if (actual.Rank != expected.Rank || actual.UniqueTraitCount != expected.UniqueCount || !(relative <= RelativeTolerance))
            {
                mismatches.Add(
                    $"{token.TokenId}: reference rank {expected.Rank} unique {expected.UniqueCount} score {expected.Score:R}; " +
                    $"library rank {actual.Rank} unique {actual.UniqueTraitCount} score {actual.Score:R}");
            }
        }

        if (mismatches.Count > 0)
        {
            throw new ShouldAssertException(
                $"{label}: {mismatches.Count} token(s) differ (worst relative score difference {worst:R}):\n  " +
                string.Join("\n  ", mismatches.Take(40)));
        }

        return worst;
    }

    private static double RelativeDifference(double expected, double actual) =>
        expected == 0
            ? (actual == 0 ? 0 : double.PositiveInfinity)
            : Math.Abs(actual - expected) / Math.Abs(expected);

    /// <summary>A token's attributes as a set after dict semantics (normalized names, last value wins).</summary>
    private static string NormalizedKey(IReadOnlyList<(string TraitType, string Value)> attributes)
    {
        var dict = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((string traitType, string value) in attributes)
        {
            dict[PythonString.LowerStrip(traitType)] = PythonString.LowerStrip(value);
        }

        return string.Join("\u0001", dict.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "\u0002" + kv.Value));
    }

    private static Dictionary<string, int> ValueCounts(TraitType trait) =>
        Enumerable.Range(1, trait.ValueCount).ToDictionary(k => trait.Values[k - 1], trait.GetCount);
}
