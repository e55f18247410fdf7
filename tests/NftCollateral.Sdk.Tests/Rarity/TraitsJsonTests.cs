using System.Text;
using NftCollateral.Sdk.Rarity;

namespace NftCollateral.Sdk.Tests.Rarity;

/// <summary>
/// <see cref="TraitsJson"/>: the SDK's traits format, ERC-721 metadata (one document or an array), value typing as
/// OpenRarity's OpenSea resolver maps it (shared/specs/rarity.md §2.1), and errors that name source, token and field.
/// </summary>
public sealed class TraitsJsonTests
{
    private const string Source = "collection.json";

    private static CollectionTraits Read(string json) => TraitsJson.Read(Encoding.UTF8.GetBytes(json), Source);

    private static CollectionDataException ReadFails(string json) =>
        Should.Throw<CollectionDataException>(() => Read(json));

    private static void ShouldName(CollectionDataException ex, string? tokenId, string? field)
    {
        ex.Source.ShouldBe(Source);
        ex.Message.ShouldStartWith(Source + ": ", Case.Sensitive);
        ex.TokenId.ShouldBe(tokenId);
        ex.Field.ShouldBe(field);
        if (tokenId is not null)
        {
            ex.Message.ShouldContain($"token {tokenId}", Case.Sensitive);
        }

        if (field is not null)
        {
            ex.Message.ShouldContain($"'{field}'", Case.Sensitive);
        }

        ex.Message.ShouldNotContain("\n");
    }

    private static TokenTraits SingleAttribute(string attributeJson) =>
        Read($$"""{"token_id": 1, "attributes": [{{attributeJson}}]}""").Tokens.ShouldHaveSingleItem();

    // ---------------------------------------------------------------- traits format

    [Fact]
    public void Read_TraitsFormat_ReadsCollectionContractAndTokensInOrder()
    {
        CollectionTraits c = Read("""
            {"collection": "Apes", "contract": "0xabc",
             "tokens": [{"id": 2, "traits": {"Hat": "Cap"}}, {"id": 1, "traits": {}}]}
            """);
        c.Name.ShouldBe("Apes");
        c.Contract.ShouldBe("0xabc");
        c.Tokens.Select(t => t.TokenId).ShouldBe(["2", "1"]);
        c.Tokens[0].Traits.ShouldBe([TraitValue.FromText("Hat", "Cap")]);
        c.Tokens[1].Traits.ShouldBeEmpty();
    }

    [Fact]
    public void Read_TraitsFormatWithoutCollectionOrContract_NamesAreNull()
    {
        CollectionTraits c = Read("""{"tokens": [{"id": 0, "traits": {"Hat": "Cap"}}]}""");
        c.Name.ShouldBeNull();
        c.Contract.ShouldBeNull();
    }

    [Fact]
    public void Read_TraitsFormatWithNameField_NameUsedAsCollection()
    {
        Read("""{"name": "Punks", "tokens": []}""").Name.ShouldBe("Punks");
    }

    [Fact]
    public void Read_TraitsKeyOrder_KeptAsWritten()
    {
        TokenTraits token = Read("""{"tokens": [{"id": 0, "traits": {"Zeta": "z", "Alpha": "a", "Mid": "m"}}]}""").Tokens[0];
        token.Traits.Select(t => t.TraitType).ShouldBe(["Zeta", "Alpha", "Mid"]);
    }

    [Theory]
    [InlineData("0", "0")]
    [InlineData("7495", "7495")]
    [InlineData("-3", "-3")]
    [InlineData("123456789012345678901234567890", "123456789012345678901234567890")]
    [InlineData("\"abc\"", "abc")]
    [InlineData("\"0007\"", "0007")]
    [InlineData("\" 12 \"", " 12 ")]
    public void Read_TokenId_KeptAsWritten(string idJson, string expected)
    {
        Read($$$"""{"tokens": [{"id": {{{idJson}}}, "traits": {}}]}""").Tokens[0].TokenId.ShouldBe(expected);
    }

    [Fact]
    public void Read_StringValues_AreTextVerbatim()
    {
        TraitValue value = Read("""{"tokens": [{"id": 0, "traits": {" Hat ": " Cap  "}}]}""").Tokens[0].Traits.ShouldHaveSingleItem();
        value.Kind.ShouldBe(TraitValueKind.Text);
        value.TraitType.ShouldBe(" Hat ");
        value.Text.ShouldBe(" Cap  ");
    }

    [Fact]
    public void Read_NumberValue_IsNumericWithSourceText()
    {
        TraitValue value = Read("""{"tokens": [{"id": 0, "traits": {"Level": 5.50}}]}""").Tokens[0].Traits.ShouldHaveSingleItem();
        value.Kind.ShouldBe(TraitValueKind.Number);
        value.Number.ShouldBe(5.5);
        value.Text.ShouldBe("5.50");
    }

    [Fact]
    public void Read_BooleanValues_AreNumbersOneAndZero()
    {
        IReadOnlyList<TraitValue> traits = Read("""{"tokens": [{"id": 0, "traits": {"Legendary": true, "Cursed": false}}]}""").Tokens[0].Traits;
        traits.Select(t => (t.TraitType, t.Kind, t.Number)).ShouldBe(
            [("Legendary", TraitValueKind.Number, 1.0), ("Cursed", TraitValueKind.Number, 0.0)]);
    }

    [Fact]
    public void Read_ArrayValue_IsTraitRepeatedPerElement()
    {
        IReadOnlyList<TraitValue> traits =
            Read("""{"tokens": [{"id": 0, "traits": {"Accessory": ["Earring", "Mole"], "Type": "Male"}}]}""").Tokens[0].Traits;
        traits.ShouldBe([
            TraitValue.FromText("Accessory", "Earring"),
            TraitValue.FromText("Accessory", "Mole"),
            TraitValue.FromText("Type", "Male"),
        ]);
    }

    [Fact]
    public void Read_EmptyArrayValue_AddsNoTrait()
    {
        Read("""{"tokens": [{"id": 0, "traits": {"Accessory": []}}]}""").Tokens[0].Traits.ShouldBeEmpty();
    }

    [Fact]
    public void Read_DuplicateJsonKeys_AllValuesKeptInOrder()
    {
        IReadOnlyList<TraitValue> traits =
            Read("""{"tokens": [{"id": 0, "traits": {"Hat": "Cap", "Eyes": "Blue", "Hat": "Crown"}}]}""").Tokens[0].Traits;
        traits.ShouldBe([
            TraitValue.FromText("Hat", "Cap"),
            TraitValue.FromText("Eyes", "Blue"),
            TraitValue.FromText("Hat", "Crown"),
        ]);
    }

    [Fact]
    public void Read_DuplicateJsonKeysThenBuild_LastValueWinsAtFirstPosition()
    {
        CollectionTraits c = Read("""{"tokens": [{"id": 0, "traits": {"Hat": "Cap", "Eyes": "Blue", "Hat": "Crown"}}]}""");
        TraitTable table = TraitTable.Build(c.Tokens);
        table.TraitTypes.Select(t => t.Name).ShouldBe(["hat", "eyes", TraitType.TraitCountName]);
        table.TraitTypes[0].Values.ShouldBe(["crown"]);
    }

    // ---------------------------------------------------------------- ERC-721 metadata

    [Fact]
    public void Read_Erc721SingleObject_OneToken()
    {
        CollectionTraits c = Read("""
            {"token_id": 42, "name": "Ape #42",
             "attributes": [{"trait_type": "Hat", "value": "Cap"}, {"trait_type": "Eyes", "value": "Blue"}]}
            """);
        c.Name.ShouldBeNull();
        c.Contract.ShouldBeNull();
        TokenTraits token = c.Tokens.ShouldHaveSingleItem();
        token.TokenId.ShouldBe("42");
        token.Traits.ShouldBe([TraitValue.FromText("Hat", "Cap"), TraitValue.FromText("Eyes", "Blue")]);
    }

    [Fact]
    public void Read_Erc721Array_OneTokenPerObjectInOrder()
    {
        CollectionTraits c = Read("""
            [{"token_id": 5, "attributes": [{"trait_type": "Hat", "value": "Cap"}]},
             {"token_id": "abc", "attributes": []}]
            """);
        c.Tokens.Select(t => t.TokenId).ShouldBe(["5", "abc"]);
        c.Tokens[0].Traits.ShouldBe([TraitValue.FromText("Hat", "Cap")]);
        c.Tokens[1].Traits.ShouldBeEmpty();
    }

    [Fact]
    public void Read_TokensArrayWithAttributes_ReadAsErc721()
    {
        CollectionTraits c = Read("""{"tokens": [{"id": 3, "attributes": [{"trait_type": "Hat", "value": "Cap"}]}]}""");
        c.Tokens[0].Traits.ShouldBe([TraitValue.FromText("Hat", "Cap")]);
    }

    [Theory]
    [InlineData("""{"token_id": 1, "tokenId": 2, "id": 3, "edition": 4, "attributes": []}""", "1")]
    [InlineData("""{"edition": 4, "id": 3, "tokenId": 2, "token_id": 1, "attributes": []}""", "1")]
    [InlineData("""{"edition": 4, "id": 3, "tokenId": 2, "attributes": []}""", "2")]
    [InlineData("""{"edition": 4, "id": 3, "attributes": []}""", "3")]
    [InlineData("""{"edition": 4, "attributes": []}""", "4")]
    public void Read_Erc721IdFields_TokenIdThenTokenIdCamelThenIdThenEdition(string json, string expected)
    {
        Read(json).Tokens.ShouldHaveSingleItem().TokenId.ShouldBe(expected);
    }

    [Fact]
    public void Read_AttributeWithoutDisplayTypeString_IsText()
    {
        TraitValue value = SingleAttribute("""{"trait_type": "Hat", "value": "Cap"}""").Traits.ShouldHaveSingleItem();
        value.ShouldBe(TraitValue.FromText("Hat", "Cap"));
    }

    [Fact]
    public void Read_AttributeWithNullDisplayType_ByJsonType()
    {
        TraitValue value = SingleAttribute("""{"trait_type": "Hat", "value": "Cap", "display_type": null}""").Traits.ShouldHaveSingleItem();
        value.Kind.ShouldBe(TraitValueKind.Text);
        value.Text.ShouldBe("Cap");
    }

    [Fact]
    public void Read_AttributeWithoutDisplayTypeNumber_IsNumber()
    {
        TraitValue value = SingleAttribute("""{"trait_type": "Level", "value": 7}""").Traits.ShouldHaveSingleItem();
        value.Kind.ShouldBe(TraitValueKind.Number);
        value.Number.ShouldBe(7.0);
    }

    [Fact]
    public void Read_AttributeWithoutDisplayTypeBoolean_IsNumber()
    {
        TraitValue value = SingleAttribute("""{"trait_type": "Legendary", "value": true}""").Traits.ShouldHaveSingleItem();
        value.Kind.ShouldBe(TraitValueKind.Number);
        value.Number.ShouldBe(1.0);
    }

    [Theory]
    [InlineData("number")]
    [InlineData("boost_number")]
    [InlineData("boost_percentage")]
    public void Read_NumericDisplayTypes_AreNumbers(string displayType)
    {
        TraitValue value = SingleAttribute($$"""{"trait_type": "Power", "value": 12.5, "display_type": "{{displayType}}"}""").Traits.ShouldHaveSingleItem();
        value.Kind.ShouldBe(TraitValueKind.Number);
        value.Number.ShouldBe(12.5);
        value.TraitType.ShouldBe("Power");
    }

    [Fact]
    public void Read_NumberDisplayTypeWithNumericString_ParsedAsNumber()
    {
        TraitValue value = SingleAttribute("""{"trait_type": "Power", "value": "40", "display_type": "number"}""").Traits.ShouldHaveSingleItem();
        value.Kind.ShouldBe(TraitValueKind.Number);
        value.Number.ShouldBe(40.0);
        value.Text.ShouldBe("40");
    }

    [Fact]
    public void Read_DateDisplayType_IsDateInUnixSeconds()
    {
        TraitValue value = SingleAttribute("""{"trait_type": "Birthday", "value": 1546360800, "display_type": "date"}""").Traits.ShouldHaveSingleItem();
        value.Kind.ShouldBe(TraitValueKind.Date);
        value.Number.ShouldBe(1546360800.0);
    }

    [Theory]
    [InlineData("ranking")]
    [InlineData("string")]
    [InlineData("Number")]
    public void Read_OtherDisplayTypes_AttributeIgnored(string displayType)
    {
        TokenTraits token = Read($$"""
            {"token_id": 1, "attributes": [
              {"trait_type": "Hat", "value": "Cap"},
              {"trait_type": "Gen", "value": 3, "display_type": "{{displayType}}"},
              {"trait_type": "Eyes", "value": "Blue"}]}
            """).Tokens[0];
        token.Traits.ShouldBe([TraitValue.FromText("Hat", "Cap"), TraitValue.FromText("Eyes", "Blue")]);
    }

    [Fact]
    public void Read_RepeatedTraitTypeInAttributes_KeptInOrder()
    {
        TokenTraits token = Read("""
            {"token_id": 1, "attributes": [
              {"trait_type": "Accessory", "value": "Earring"},
              {"trait_type": "Type", "value": "Male"},
              {"trait_type": "Accessory", "value": "Mole"}]}
            """).Tokens[0];
        token.Traits.Select(t => (t.TraitType, t.Text)).ShouldBe([("Accessory", "Earring"), ("Type", "Male"), ("Accessory", "Mole")]);
    }

    // ---------------------------------------------------------------- ReadAsync

    [Fact]
    public async Task ReadAsync_ValidStream_ReadsTokens()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("""{"tokens": [{"id": 9, "traits": {"Hat": "Cap"}}]}"""));
        CollectionTraits c = await TraitsJson.ReadAsync(stream, Source);
        c.Tokens.ShouldHaveSingleItem().TokenId.ShouldBe("9");
    }

    [Fact]
    public async Task ReadAsync_AlreadyCancelledToken_ThrowsOperationCanceled()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("""{"tokens": [{"id": 9, "traits": {"Hat": "Cap"}}]}"""));
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TraitsJson.ReadAsync(stream, Source, cts.Token));
    }

    [Fact]
    public async Task ReadAsync_MalformedJson_ThrowsCollectionDataException()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("{\"tokens\": [\n{\"id\": 1,,}]}"));
        CollectionDataException ex = await Should.ThrowAsync<CollectionDataException>(() => TraitsJson.ReadAsync(stream, Source));
        ex.Source.ShouldBe(Source);
        ex.Message.ShouldContain("line 2", Case.Sensitive);
    }

    [Fact]
    public async Task ReadAsync_NullArguments_ThrowArgumentNullException()
    {
        await Should.ThrowAsync<ArgumentNullException>(() => TraitsJson.ReadAsync(null!, Source));
        using var stream = new MemoryStream();
        await Should.ThrowAsync<ArgumentNullException>(() => TraitsJson.ReadAsync(stream, null!));
    }

    [Fact]
    public void Read_NullSourceName_ThrowsArgumentNullException()
    {
        Should.Throw<ArgumentNullException>(() => TraitsJson.Read(Encoding.UTF8.GetBytes("[]"), null!));
    }

    // ---------------------------------------------------------------- errors

    [Fact]
    public void Read_MalformedJson_MessageNamesSourceAndLine()
    {
        const string json = "{\n  \"tokens\": [\n    {\"id\": 1, \"traits\": {\"Hat\": }}\n  ]\n}";
        CollectionDataException ex = ReadFails(json);
        ShouldName(ex, tokenId: null, field: null);
        ex.Message.ShouldContain("malformed JSON", Case.Sensitive);
        ex.Message.ShouldContain("at line 3", Case.Sensitive);
        ex.InnerException.ShouldBeAssignableTo<System.Text.Json.JsonException>();
    }

    [Fact]
    public void Read_TraitsTokenWithoutId_NamesPositionAndIdField()
    {
        CollectionDataException ex = ReadFails("""{"tokens": [{"id": 0, "traits": {}}, {"traits": {"Hat": "Cap"}}]}""");
        ShouldName(ex, tokenId: "tokens[1]", field: "id");
    }

    [Fact]
    public void Read_Erc721ArrayTokenWithoutId_NamesPosition()
    {
        CollectionDataException ex = ReadFails("""[{"attributes": []}]""");
        ShouldName(ex, tokenId: "[0]", field: "id");
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"   \"")]
    public void Read_EmptyId_NamesPositionAndIdField(string idJson)
    {
        CollectionDataException ex = ReadFails($$$"""{"tokens": [{"id": {{{idJson}}}, "traits": {}}]}""");
        ShouldName(ex, tokenId: "tokens[0]", field: "id");
    }

    [Fact]
    public void Read_EmptyTokenIdField_NamesThatField()
    {
        CollectionDataException ex = ReadFails("""{"token_id": "", "attributes": []}""");
        ShouldName(ex, tokenId: "metadata", field: "token_id");
    }

    [Theory]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("{}")]
    [InlineData("[1]")]
    public void Read_IdNotNumberOrString_Throws(string idJson)
    {
        CollectionDataException ex = ReadFails($$$"""{"tokens": [{"id": {{{idJson}}}, "traits": {}}]}""");
        ShouldName(ex, tokenId: "tokens[0]", field: "id");
    }

    [Fact]
    public void Read_NullTraitValue_NamesTokenAndTrait()
    {
        CollectionDataException ex = ReadFails("""{"tokens": [{"id": 17, "traits": {"Eyes": "Blue", "Hat": null}}]}""");
        ShouldName(ex, tokenId: "17", field: "Hat");
    }

    [Fact]
    public void Read_ObjectTraitValue_NamesTokenAndTrait()
    {
        CollectionDataException ex = ReadFails("""{"tokens": [{"id": 17, "traits": {"Hat": {"name": "Cap"}}}]}""");
        ShouldName(ex, tokenId: "17", field: "Hat");
    }

    [Fact]
    public void Read_NestedArrayTraitValue_NamesTokenAndTrait()
    {
        CollectionDataException ex = ReadFails("""{"tokens": [{"id": 17, "traits": {"Hat": [["Cap"]]}}]}""");
        ShouldName(ex, tokenId: "17", field: "Hat");
    }

    [Fact]
    public void Read_NullAttributeValue_NamesTokenAndAttribute()
    {
        CollectionDataException ex = ReadFails("""{"token_id": 8, "attributes": [{"trait_type": "Hat", "value": null}]}""");
        ShouldName(ex, tokenId: "8", field: "attributes[0].value (Hat)");
    }

    [Fact]
    public void Read_ArrayAttributeValue_NamesTokenAndAttribute()
    {
        CollectionDataException ex = ReadFails("""{"token_id": 8, "attributes": [{"trait_type": "Hat", "value": ["Cap"]}]}""");
        ShouldName(ex, tokenId: "8", field: "attributes[0].value (Hat)");
    }

    [Fact]
    public void Read_TraitsNotObject_NamesTokenAndTraits()
    {
        CollectionDataException ex = ReadFails("""{"tokens": [{"id": 3, "traits": ["Hat"]}]}""");
        ShouldName(ex, tokenId: "3", field: "traits");
    }

    [Fact]
    public void Read_AttributesNotArray_NamesTokenAndAttributes()
    {
        CollectionDataException ex = ReadFails("""{"tokens": [{"id": 3, "attributes": {"Hat": "Cap"}}]}""");
        ShouldName(ex, tokenId: "3", field: "attributes");
    }

    [Fact]
    public void Read_AttributeNotObject_NamesTokenAndAttribute()
    {
        CollectionDataException ex = ReadFails("""{"token_id": 3, "attributes": [{"trait_type": "Hat", "value": "Cap"}, "Eyes"]}""");
        ShouldName(ex, tokenId: "3", field: "attributes[1]");
    }

    [Theory]
    [InlineData("""{"value": "Cap"}""")]
    [InlineData("""{"trait_type": null, "value": "Cap"}""")]
    [InlineData("""{"trait_type": 5, "value": "Cap"}""")]
    public void Read_AttributeWithoutTraitType_NamesTokenAndField(string attribute)
    {
        CollectionDataException ex = ReadFails($$"""{"token_id": 3, "attributes": [{{attribute}}]}""");
        ShouldName(ex, tokenId: "3", field: "attributes[0].trait_type");
    }

    [Fact]
    public void Read_AttributeWithoutValue_NamesTokenAndField()
    {
        CollectionDataException ex = ReadFails("""{"token_id": 3, "attributes": [{"trait_type": "Hat", "value": "Cap"}, {"trait_type": "Eyes"}]}""");
        ShouldName(ex, tokenId: "3", field: "attributes[1].value (Eyes)");
    }

    [Fact]
    public void Read_TokenWithNeitherTraitsNorAttributes_NamesToken()
    {
        CollectionDataException ex = ReadFails("""{"tokens": [{"id": 3, "name": "x"}]}""");
        ShouldName(ex, tokenId: "3", field: "traits");
    }

    [Fact]
    public void Read_TokenNotObject_NamesPosition()
    {
        CollectionDataException ex = ReadFails("""{"tokens": [{"id": 0, "traits": {}}, 5]}""");
        ShouldName(ex, tokenId: "tokens[1]", field: null);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("\"a\"")]
    [InlineData("42")]
    [InlineData("null")]
    public void Read_TokensNotArray_NamesTokensField(string tokensJson)
    {
        CollectionDataException ex = ReadFails($$"""{"tokens": {{tokensJson}}}""");
        ShouldName(ex, tokenId: null, field: "tokens");
    }

    [Theory]
    [InlineData("42")]
    [InlineData("\"tokens\"")]
    [InlineData("null")]
    [InlineData("""{"name": "x", "image": "ipfs://"}""")]
    public void Read_RootNotCollection_NamesSource(string json)
    {
        CollectionDataException ex = ReadFails(json);
        ShouldName(ex, tokenId: null, field: null);
    }

    [Fact]
    public void Read_CollectionNotString_NamesCollectionField()
    {
        CollectionDataException ex = ReadFails("""{"collection": 5, "tokens": []}""");
        ShouldName(ex, tokenId: null, field: "collection");
    }

    [Theory]
    [InlineData("\"abc\"")]
    [InlineData("\"\"")]
    [InlineData("\"NaN\"")]
    [InlineData("\"Infinity\"")]
    [InlineData("\"-Infinity\"")]
    [InlineData("1e400")]
    [InlineData("true")]
    [InlineData("null")]
    public void Read_NumberDisplayTypeWithNonFiniteOrNonNumber_NamesTokenAndField(string valueJson)
    {
        CollectionDataException ex = ReadFails($$"""{"token_id": 3, "attributes": [{"trait_type": "Power", "value": {{valueJson}}, "display_type": "number"}]}""");
        ShouldName(ex, tokenId: "3", field: "attributes[0].value (Power)");
    }

    [Fact]
    public void Read_DateDisplayTypeWithNonNumber_NamesTokenAndField()
    {
        CollectionDataException ex = ReadFails("""{"token_id": 3, "attributes": [{"trait_type": "Born", "value": "yesterday", "display_type": "date"}]}""");
        ShouldName(ex, tokenId: "3", field: "attributes[0].value (Born)");
    }

    [Fact]
    public void Read_InvalidUtf8InTraitValue_ThrowsCollectionDataExceptionNamingTokenAndTrait()
    {
        // The documented contract: every error is a CollectionDataException naming source, token and field.
        byte[] json = [.. Encoding.UTF8.GetBytes("{\"tokens\": [{\"id\": 1, \"traits\": {\"Hat\": \"a"), 0xFF, .. Encoding.UTF8.GetBytes("\"}}]}")];
        CollectionDataException ex = Should.Throw<CollectionDataException>(() => TraitsJson.Read(json, Source));
        ex.Source.ShouldBe(Source);
        ex.TokenId.ShouldBe("1");
        ex.Field.ShouldBe("Hat");
    }

    [Theory]
    [InlineData("""{"tokens": [{"id": 1, "traits": {"Hat": "\ud800"}}]}""")]
    [InlineData("""{"tokens": [{"id": 1, "traits": {"\ud800": "Cap"}}]}""")]
    [InlineData("""{"tokens": [{"id": "\udc00", "traits": {}}]}""")]
    [InlineData("""{"token_id": 1, "attributes": [{"trait_type": "\udc00", "value": "Cap"}]}""")]
    public void Read_LoneSurrogateEscape_AcceptedOrCollectionDataException(string json)
    {
        // Python's json accepts lone surrogate escapes; the SDK may refuse them, but only with its documented exception.
        Exception? ex = Record.Exception(() => Read(json));
        if (ex is not null)
        {
            ex.ShouldBeOfType<CollectionDataException>();
        }
    }

    [Fact]
    public void Read_OverflowingNumberWithoutDisplayType_NamesTokenAndTrait()
    {
        CollectionDataException ex = ReadFails("""{"tokens": [{"id": 3, "traits": {"Power": 1e400}}]}""");
        ShouldName(ex, tokenId: "3", field: "Power");
    }
}
