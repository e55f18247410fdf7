namespace NftCollateral.Cli.Tests;

/// <summary>Bad input: one line on stderr naming the file, token and field; exit code 2; no stack trace; no output.</summary>
public sealed class BadInputTests
{
    public static TheoryData<string, string[]> Cases => new()
    {
        { """{"tokens": [{"id": 1, "traits": {"Hat": "a"}}, {"id": 2, "traits": {"Hat": 3}}]}""", ["token 2", "'Hat'", "numeric"] },
        { """{"tokens": [{"id": 1, "traits": {"Hat": "a"}}, {"id": 1, "traits": {"Hat": "b"}}]}""", ["token 1", "'id'", "duplicate"] },
        { """{"tokens": [{"id": 1, "traits": {"Hat": "a"}}, {"traits": {"Hat": "b"}}]}""", ["tokens[1]", "'id'", "no id"] },
        { """{"tokens": [{"id": 1, "traits": {"Hat": "a"}""", ["malformed JSON", "line"] },
        { """{"tokens": []}""", ["'tokens'", "no tokens"] },
        { """{"tokens": [{"id": 1, "traits": {"Hat": null}}]}""", ["token 1", "'Hat'", "null"] },
        { """{"tokens": [{"id": 1, "traits": {"Hat": {"a": 1}}}]}""", ["token 1", "'Hat'", "object"] },
        { """[{"token_id": 7, "attributes": [{"value": "x"}]}]""", ["token 7", "trait_type"] },
        { """{"name": "not a collection"}""", ["not a traits file"] },
        { """{"tokens": [{"id": 1, "traits": {"Born": 5}}]}""", ["token 1", "'Born'"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadFile_ExitsTwoWithOneLineNamingFileTokenAndField(string content, string[] mentions)
    {
        using var file = new TempFile(content);
        var (code, output, error) = await CliRunner.RunAsync("rarity", "--traits", file.Path, "--json");

        code.ShouldBe(2);
        output.ShouldBeEmpty();
        string line = error.TrimEnd('\r', '\n');
        line.ShouldNotContain('\n', customMessage: "exactly one line");
        line.ShouldStartWith("error: ");
        line.ShouldContain(file.Path);
        foreach (string mention in mentions)
        {
            line.ShouldContain(mention);
        }

        line.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task MissingFile_ExitsTwo()
    {
        var (code, _, error) = await CliRunner.RunAsync("rarity", "--traits", "/nonexistent/traits.json");
        code.ShouldBe(2);
        error.Trim().ShouldBe("error: /nonexistent/traits.json: file not found");
    }

    [Theory]
    [InlineData("rarity")]
    [InlineData("rarity", "--traits", "x.json", "--method", "foo")]
    [InlineData("rarity", "--traits", "x.json", "--top", "0")]
    [InlineData("rarity", "--traits", "x.json", "--numeric", "maybe")]
    [InlineData("rarity", "--traits", "x.json", "--top", "ten")]
    [InlineData("demo", "--tokens", "0")]
    [InlineData("no-such-command")]
    public async Task BadUsage_ExitsTwoWithOneLine(params string[] args)
    {
        var (code, _, error) = await CliRunner.RunAsync(args);
        code.ShouldBe(2);
        error.Trim().ShouldStartWith("error: ");
        error.Trim().ShouldNotContain('\n');
    }

    [Fact]
    public async Task Verbose_AddsStackTrace()
    {
        using var file = new TempFile("""{"tokens": []}""");
        var (code, _, error) = await CliRunner.RunAsync("rarity", "--traits", file.Path, "--verbose");
        code.ShouldBe(2);
        error.ShouldContain("   at ");
    }

    [Fact]
    public void RealProcess_BadFile_ExitCodeTwoAndOneLine()
    {
        using var file = new TempFile("""{"tokens": [{"id": 1, "traits": {"Hat": 3}}]}""");
        var (code, output, error) = CliRunner.RunProcess("rarity", "--traits", file.Path);

        code.ShouldBe(2);
        output.ShouldBeEmpty();
        error.Trim().Split('\n').Length.ShouldBe(1);
        error.ShouldContain("'Hat'");
    }
}
