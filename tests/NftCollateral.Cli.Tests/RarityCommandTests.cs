using System.Text.Json;

namespace NftCollateral.Cli.Tests;

public sealed class RarityCommandTests
{
    [Fact]
    public async Task Json_Bayc_EveryTokenWithReferenceRank()
    {
        string traits = CliRunner.SharedPath("data", "bayc-traits.json");
        var (code, output, error) = await CliRunner.RunAsync("rarity", "--traits", traits, "--json");

        code.ShouldBe(0, error);
        error.ShouldBeEmpty();
        using JsonDocument actual = JsonDocument.Parse(output);
        using JsonDocument expected = JsonDocument.Parse(File.ReadAllBytes(CliRunner.SharedPath("conformance", "openrarity-bayc-expected.json")));
        JsonElement root = actual.RootElement;
        root.GetProperty("collection").GetString().ShouldBe("Bored Ape Yacht Club");
        root.GetProperty("method").GetString().ShouldBe("openrarity");
        root.GetProperty("tokenCount").GetInt32().ShouldBe(10_000);
        JsonElement ranks = root.GetProperty("ranks");
        ranks.EnumerateObject().Count().ShouldBe(10_000);
        foreach (JsonProperty entry in expected.RootElement.GetProperty("ranks").EnumerateObject())
        {
            JsonElement token = ranks.GetProperty(entry.Name);
            token.GetProperty("rank").GetInt32().ShouldBe(entry.Value.GetProperty("rank").GetInt32(), entry.Name);
            double score = entry.Value.GetProperty("score").GetDouble();
            Math.Abs(token.GetProperty("score").GetDouble() - score).ShouldBeLessThanOrEqualTo(Math.Abs(score) * 1e-12, entry.Name);
        }
    }

    [Fact]
    public async Task Human_TopThree_ShowsRarestBaycFirst()
    {
        var (code, output, _) = await CliRunner.RunAsync("rarity", "--traits", CliRunner.SharedPath("data", "bayc-traits.json"), "--top", "3", "--breakdown");

        code.ShouldBe(0);
        output.ShouldContain("Bored Ape Yacht Club");
        output.ShouldContain("7495");
        output.ShouldContain("IC (bits)");
        output.ShouldNotContain("\u001b[", customMessage: "no ANSI escapes when not writing to a terminal");
    }

    [Theory]
    [InlineData("rarity-score")]
    [InlineData("statistical")]
    [InlineData("average")]
    [InlineData("rarest")]
    public async Task Json_OtherMethods_RankEveryToken(string method)
    {
        var (code, output, error) = await CliRunner.RunAsync("rarity", "--traits", CliRunner.SharedPath("data", "cryptopunks-traits.json"), "--method", method, "--json");

        code.ShouldBe(0, error);
        using JsonDocument doc = JsonDocument.Parse(output);
        doc.RootElement.GetProperty("method").GetString().ShouldBe(method);
        int[] ranks = doc.RootElement.GetProperty("ranks").EnumerateObject().Select(p => p.Value.GetProperty("rank").GetInt32()).ToArray();
        ranks.Length.ShouldBe(10_000);
        ranks[0].ShouldBe(1);
        ranks.ShouldBeInOrder(SortDirection.Ascending);
    }

    [Fact]
    public async Task Json_Erc721MetadataArray_IsRanked()
    {
        using var file = new TempFile("""
            [
              {"token_id": 1, "name": "A", "attributes": [{"trait_type": "Hat", "value": "Cap"}, {"trait_type": "Eyes", "value": "Blue"}]},
              {"token_id": 2, "name": "B", "attributes": [{"trait_type": "Hat", "value": "Cap"}]},
              {"token_id": 3, "name": "C", "attributes": [{"trait_type": "Hat", "value": "Crown"}, {"trait_type": "Eyes", "value": "Blue"}]}
            ]
            """);
        var (code, output, error) = await CliRunner.RunAsync("rarity", "--traits", file.Path, "--json");

        code.ShouldBe(0, error);
        using JsonDocument doc = JsonDocument.Parse(output);
        doc.RootElement.GetProperty("tokenCount").GetInt32().ShouldBe(3);
        // By hand: token 2 lacks Eyes (p 1/3) and alone has trait count "1" (unique); token 3 alone has Crown (unique).
        // IC(2) = log2(1.5) + 2 log2(3) > IC(3) = log2(3) + 2 log2(1.5); token 1 has no unique value.
        JsonElement ranks = doc.RootElement.GetProperty("ranks");
        ranks.EnumerateObject().Select(p => (p.Name, p.Value.GetProperty("rank").GetInt32())).ShouldBe([("2", 1), ("3", 2), ("1", 3)]);
    }

    [Fact]
    public async Task NumericTraits_WithBinOption_AreScored()
    {
        using var file = new TempFile("""{"tokens": [{"id": 1, "traits": {"Level": 1}}, {"id": 2, "traits": {"Level": 50}}, {"id": 3, "traits": {"Level": 50}}]}""");
        var (code, output, error) = await CliRunner.RunAsync("rarity", "--traits", file.Path, "--numeric", "bin", "--json");

        code.ShouldBe(0, error);
        using JsonDocument doc = JsonDocument.Parse(output);
        doc.RootElement.GetProperty("ranks").GetProperty("1").GetProperty("rank").GetInt32().ShouldBe(1);
    }
}
