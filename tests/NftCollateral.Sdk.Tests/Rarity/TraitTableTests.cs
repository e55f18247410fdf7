using NftCollateral.Sdk.Rarity;

namespace NftCollateral.Sdk.Tests.Rarity;

/// <summary>
/// <see cref="TraitTable.Build"/>: normalization, OpenRarity's dict semantics, the trait-count meta trait, Null counts
/// and column order (shared/specs/rarity.md §2.1–§2.5), the non-OpenRarity options (§7) and input errors.
/// </summary>
public sealed class TraitTableTests
{
    private const string Meta = TraitType.TraitCountName;

    private static TokenTraits Token(string id, params (string Type, string Value)[] traits) =>
        new(id, traits.Select(t => TraitValue.FromText(t.Type, t.Value)).ToList());

    private static TokenTraits Numeric(string id, string type, double value, string text) =>
        new(id, [TraitValue.FromNumber(type, value, text)]);

    private static TraitType Column(TraitTable table, string name)
    {
        int t = table.IndexOfTraitType(name);
        t.ShouldBeGreaterThanOrEqualTo(0, $"column '{name}'");
        return table.TraitTypes[t];
    }

    /// <summary>The normalized value of a token's cell in a column; "null" for the Null category.</summary>
    private static string ValueOf(TraitTable table, string tokenId, string column)
    {
        int t = table.IndexOfTraitType(column);
        t.ShouldBeGreaterThanOrEqualTo(0, $"column '{column}'");
        int id = table.GetRow(table.GetTokenIndex(tokenId))[t];
        return id == 0 ? TraitType.NullValue : table.TraitTypes[t].Values[id - 1];
    }

    private static int CountOf(TraitTable table, string column, string normalizedValue)
    {
        TraitType type = Column(table, column);
        int k = type.Values.ToList().IndexOf(normalizedValue);
        k.ShouldBeGreaterThanOrEqualTo(0, $"value '{normalizedValue}' of '{column}'");
        return type.GetCount(k + 1);
    }

    // ---------------------------------------------------------------- normalization and dict semantics

    [Fact]
    public void Build_NameAndValueVariants_MergeIntoOneCategory()
    {
        TraitTable table = TraitTable.Build([
            Token("1", ("Hat", "Cap")),
            Token("2", (" hat ", "cap ")),
            Token("3", ("HAT", "CAP")),
        ]);

        table.TraitTypeCount.ShouldBe(2); // hat + meta
        TraitType hat = Column(table, "hat");
        hat.Name.ShouldBe("hat");
        hat.DisplayName.ShouldBe("Hat");
        hat.Values.ShouldBe(["cap"]);
        hat.DisplayValues.ShouldBe(["Cap"]);
        hat.Counts.ToArray().ShouldBe([0, 3]);
    }

    [Fact]
    public void Build_NonAsciiVariants_NormalizedWithPythonSemantics()
    {
        // Python: "İ".lower() == "i\u0307", so "İ" and "i\u0307" are one value, "I" another; "\x1c" is stripped.
        TraitTable table = TraitTable.Build([
            Token("1", ("Letter", "\u0130")),
            Token("2", ("\u001cLETTER", "i\u0307")),
            Token("3", ("Letter", "I")),
        ]);

        TraitType letter = Column(table, "letter");
        letter.Values.ShouldBe(["i\u0307", "i"]);
        letter.Counts.ToArray().ShouldBe([0, 2, 1]);
    }

    [Fact]
    public void Build_RepeatedNameInToken_LastValueWinsAtFirstPosition()
    {
        TraitTable table = TraitTable.Build([
            Token("1", ("Hat", "Cap"), ("Eyes", "Blue"), ("HAT", "Crown")),
        ]);

        table.TraitTypes.Select(t => t.Name).ShouldBe(["hat", "eyes", Meta]);
        Column(table, "hat").Values.ShouldBe(["crown"]); // "cap" was overwritten and never counted
        ValueOf(table, "1", "hat").ShouldBe("crown");
    }

    [Fact]
    public void Build_RepeatedNameInToken_CountedOnceInTraitCount()
    {
        TraitTable table = TraitTable.Build([
            Token("1", ("Hat", "Cap"), ("Eyes", "Blue"), ("hat", "Crown")),
        ]);

        ValueOf(table, "1", Meta).ShouldBe("2"); // hat, eyes
    }

    // ---------------------------------------------------------------- meta trait

    [Fact]
    public void Build_TraitCount_ExcludesNoneAndEmptyButCountsNull()
    {
        TraitTable table = TraitTable.Build([
            Token("1", ("A", "x"), ("B", "None"), ("C", "")), // only "x" counts
            Token("2", ("A", " NULL "), ("B", "y")),         // "null" counts
            Token("3"),                                      // nothing
            Token("4", ("A", "x"), ("B", "y"), ("C", " none ")),
        ]);

        ValueOf(table, "1", Meta).ShouldBe("1");
        ValueOf(table, "2", Meta).ShouldBe("2");
        ValueOf(table, "3", Meta).ShouldBe("0");
        ValueOf(table, "4", Meta).ShouldBe("2");
    }

    [Fact]
    public void Build_TraitCount_IsLastColumnWithCountsOfEachValue()
    {
        TraitTable table = TraitTable.Build([
            Token("1", ("A", "x"), ("B", "y")),
            Token("2", ("A", "x")),
            Token("3", ("A", "z"), ("B", "y")),
        ]);

        table.TraitTypes.Select(t => t.Name).ShouldBe(["a", "b", Meta]);
        TraitType meta = table.TraitTypes[^1];
        meta.IsTraitCount.ShouldBeTrue();
        table.TraitTypes[0].IsTraitCount.ShouldBeFalse();
        meta.Values.ShouldBe(["2", "1"]);
        meta.Counts.ToArray().ShouldBe([0, 2, 1]); // every token has the meta trait: no Null category
    }

    [Fact]
    public void Build_ExistingTraitCountAttribute_OverwrittenAndCountReducedByOne()
    {
        TraitTable table = TraitTable.Build([
            Token("1", ("A", "x"), (Meta, "99"), ("B", "y")), // x, 99, y = 3 string values, less the meta trait itself = 2
            Token("2", ("A", "x")),
        ]);

        table.TraitTypes.Select(t => t.Name).ShouldBe(["a", Meta, "b"]); // keeps its position, one column only
        ValueOf(table, "1", Meta).ShouldBe("2");
        ValueOf(table, "2", Meta).ShouldBe("1");
        Column(table, Meta).Values.ShouldNotContain("99");
    }

    [Fact]
    public void Build_EmptyTokenByDefault_ScoredWithAllNullsAndTraitCountZero()
    {
        TraitTable table = TraitTable.Build([Token("1", ("Hat", "Cap")), Token("2")]);

        table.TokenCount.ShouldBe(2);
        table.ExcludedTokenIds.ShouldBeEmpty();
        ValueOf(table, "2", "hat").ShouldBe(TraitType.NullValue);
        ValueOf(table, "2", Meta).ShouldBe("0");
    }

    // ---------------------------------------------------------------- Null categories and column order

    [Fact]
    public void Build_MissingTraits_CountedInNullCategory()
    {
        TraitTable table = TraitTable.Build([
            Token("1", ("Eyes", "Blue"), ("Hat", "Cap")),
            Token("2", ("Eyes", "Blue")),
            Token("3", ("Eyes", "Red"), ("Hat", "Cap")),
            Token("4", ("Eyes", "Blue")),
            Token("5", ("Eyes", "Blue")),
        ]);

        TraitType hat = Column(table, "hat");
        hat.NullCount.ShouldBe(3);
        hat.GetCount(0).ShouldBe(3);
        hat.Counts.ToArray().ShouldBe([3, 2]);
        Column(table, "eyes").NullCount.ShouldBe(0);
        ValueOf(table, "2", "hat").ShouldBe(TraitType.NullValue);
        hat.GetDisplayValue(0).ShouldBe("null");
    }

    [Fact]
    public void Build_DefaultOptions_NoneEmptyNullAndMissingAreSeparateCategories()
    {
        TraitTable table = TraitTable.Build([
            Token("1", ("Eyes", "x"), ("Hat", "None")),
            Token("2", ("Eyes", "x"), ("Hat", "")),
            Token("3", ("Eyes", "x"), ("Hat", "null")),
            Token("4", ("Eyes", "x")),
            Token("5", ("Eyes", "x"), ("Hat", "Cap")),
        ]);

        TraitType hat = Column(table, "hat");
        hat.Values.ShouldBe(["none", "", "null", "cap"]);
        hat.Counts.ToArray().ShouldBe([1, 1, 1, 1, 1]);
    }

    [Fact]
    public void Build_Columns_InOrderOfFirstAppearanceWithMetaAfterFirstToken()
    {
        // Like BAYC in spec §2.4: a trait first seen on a later token comes after the meta trait.
        TraitTable table = TraitTable.Build([
            Token("1", ("B", "1"), ("A", "1")),
            Token("2", ("C", "1"), ("A", "2")),
            Token("3", ("D", "1"), ("B", "2")),
        ]);

        table.TraitTypes.Select(t => t.Name).ShouldBe(["b", "a", Meta, "c", "d"]);
    }

    [Fact]
    public void Build_Values_InOrderOfFirstAppearance()
    {
        TraitTable table = TraitTable.Build([
            Token("1", ("Hat", "Zeta")),
            Token("2", ("Hat", "Alpha")),
            Token("3", ("Hat", "zeta")),
            Token("4", ("Hat", "Mid")),
        ]);

        Column(table, "hat").Values.ShouldBe(["zeta", "alpha", "mid"]);
        Column(table, "hat").Counts.ToArray().ShouldBe([0, 2, 1, 1]);
    }

    [Fact]
    public void Build_TraitTypeAppearingLateOnLargeLazyInput_KeepsEarlierRowsIntact()
    {
        // A lazy sequence (no count known up front), many rows, and 20 columns first seen on token 400.
        static IEnumerable<TokenTraits> Tokens()
        {
            for (int i = 0; i < 600; i++)
            {
                var traits = new List<TraitValue> { TraitValue.FromText("Hat", $"h{i % 5}") };
                if (i == 400)
                {
                    traits.AddRange(Enumerable.Range(0, 20).Select(k => TraitValue.FromText($"X{k}", "v")));
                }

                yield return new TokenTraits($"t{i}", traits);
            }
        }

        TraitTable table = TraitTable.Build(Tokens());

        table.TokenCount.ShouldBe(600);
        table.TraitTypeCount.ShouldBe(22); // hat, meta, x0..x19
        for (int i = 0; i < 600; i++)
        {
            table.GetTokenIndex($"t{i}").ShouldBe(i);
            ValueOf(table, $"t{i}", "hat").ShouldBe($"h{i % 5}");
            ValueOf(table, $"t{i}", "x19").ShouldBe(i == 400 ? "v" : TraitType.NullValue);
            ValueOf(table, $"t{i}", Meta).ShouldBe(i == 400 ? "21" : "1");
        }

        Column(table, "x7").NullCount.ShouldBe(599);
    }

    // ---------------------------------------------------------------- lookups

    [Fact]
    public void TryGetTokenIndex_KnownAndUnknownIds_ReturnsRowOrFalse()
    {
        TraitTable table = TraitTable.Build([Token("10", ("A", "x")), Token("20", ("A", "y")), Token("30", ("A", "x"))]);

        table.TryGetTokenIndex("20", out int row).ShouldBeTrue();
        row.ShouldBe(1);
        table.TryGetTokenIndex("40", out _).ShouldBeFalse();
        table.TryGetTokenIndex("020", out _).ShouldBeFalse(); // ids are compared as written
    }

    [Fact]
    public void GetTokenIndex_UnknownId_ThrowsKeyNotFound()
    {
        TraitTable table = TraitTable.Build([Token("10", ("A", "x"))]);

        table.GetTokenIndex("10").ShouldBe(0);
        Should.Throw<KeyNotFoundException>(() => table.GetTokenIndex("11"));
    }

    [Fact]
    public void TryGetTokenIndex_NullId_ThrowsArgumentNull()
    {
        TraitTable table = TraitTable.Build([Token("10", ("A", "x"))]);

        Should.Throw<ArgumentNullException>(() => table.TryGetTokenIndex(null!, out _));
    }

    [Fact]
    public void IndexOfTraitType_AnySpelling_FindsNormalizedColumn()
    {
        TraitTable table = TraitTable.Build([Token("1", ("Hat", "Cap"), ("Eyes", "Blue"))]);

        table.IndexOfTraitType(" HAT ").ShouldBe(0);
        table.IndexOfTraitType("eyes").ShouldBe(1);
        table.IndexOfTraitType("META_TRAIT:TRAIT_COUNT").ShouldBe(2);
        table.IndexOfTraitType("Mouth").ShouldBe(-1);
    }

    [Fact]
    public void GetRow_ReturnsValueIdsPerColumnMatchingCells()
    {
        TraitTable table = TraitTable.Build([
            Token("1", ("Hat", "Cap"), ("Eyes", "Blue")),
            Token("2", ("Eyes", "Red")),
            Token("3", ("Hat", "Crown"), ("Eyes", "Blue")),
        ]);

        // Columns hat, eyes, meta. hat: cap=1, crown=2; eyes: blue=1, red=2; meta: "2"=1, "1"=2.
        table.GetRow(0).ToArray().ShouldBe([1, 1, 1]);
        table.GetRow(1).ToArray().ShouldBe([0, 2, 2]);
        table.GetRow(2).ToArray().ShouldBe([2, 1, 1]);
        table.Cells.ToArray().ShouldBe([1, 1, 1, 0, 2, 2, 2, 1, 1]);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    public void GetRow_OutOfRange_Throws(int index)
    {
        TraitTable table = TraitTable.Build([Token("1", ("Hat", "Cap")), Token("2", ("Hat", "Cap"))]);

        Should.Throw<ArgumentOutOfRangeException>(() => { _ = table.GetRow(index); });
    }

    [Fact]
    public void Build_TokenIdsNameAndOptions_Exposed()
    {
        var options = new TraitTableOptions { MergeNullValues = true };
        TraitTable table = TraitTable.Build([Token("b", ("A", "x")), Token("a", ("A", "y"))], options, "My Apes");

        table.TokenIds.ShouldBe(["b", "a"]);
        table.Name.ShouldBe("My Apes");
        table.Options.ShouldBeSameAs(options);
        TraitTable.Build([Token("1", ("A", "x"))]).Options.ShouldBeSameAs(TraitTableOptions.OpenRarity);
    }

    // ---------------------------------------------------------------- MultiValuedTraits

    private static readonly TokenTraits[] MultiValued =
    [
        Token("1", ("Accessory", "Earring"), ("Type", "Male"), ("Accessory", "Mole")),
        Token("2", ("accessory", "mole"), ("Accessory", "EARRING"), ("Type", "Female")),
        Token("3", ("Accessory", "Earring"), ("Type", "Male")),
        Token("4", ("Type", "Male")),
    ];

    [Fact]
    public void Build_MultiValuedTraits_RepeatedTraitTypeIsOneSetCategory()
    {
        TraitTable table = TraitTable.Build(MultiValued, new TraitTableOptions { MultiValuedTraits = true });

        TraitType accessory = Column(table, "accessory");
        accessory.ValueCount.ShouldBe(2); // {earring, mole} and {earring}
        accessory.NullCount.ShouldBe(1);
        int setId = table.GetRow(0)[table.IndexOfTraitType("accessory")];
        accessory.GetCount(setId).ShouldBe(2);
        ValueOf(table, "3", "accessory").ShouldBe("earring");
        CountOf(table, "accessory", "earring").ShouldBe(1);
    }

    [Fact]
    public void Build_MultiValuedTraits_SameSetInDifferentOrderIsSameCategory()
    {
        TraitTable table = TraitTable.Build(MultiValued, new TraitTableOptions { MultiValuedTraits = true });

        ValueOf(table, "1", "accessory").ShouldBe(ValueOf(table, "2", "accessory"));
        ValueOf(table, "1", "accessory").ShouldNotBe(ValueOf(table, "3", "accessory"));
    }

    [Fact]
    public void Build_MultiValuedTraits_RepeatedSameValueIsSingleValueCategory()
    {
        TraitTable table = TraitTable.Build(
            [Token("1", ("Accessory", "Earring"), ("Accessory", "earring ")), Token("2", ("Accessory", "Earring"))],
            new TraitTableOptions { MultiValuedTraits = true });

        Column(table, "accessory").Values.ShouldBe(["earring"]);
        CountOf(table, "accessory", "earring").ShouldBe(2);
    }

    [Fact]
    public void Build_WithoutMultiValuedTraits_LastValueWins()
    {
        TraitTable table = TraitTable.Build(MultiValued);

        ValueOf(table, "1", "accessory").ShouldBe("mole");
        ValueOf(table, "2", "accessory").ShouldBe("earring");
        CountOf(table, "accessory", "earring").ShouldBe(2);
        CountOf(table, "accessory", "mole").ShouldBe(1);
    }

    // ---------------------------------------------------------------- MergeNullValues

    [Fact]
    public void Build_MergeNullValues_NoneEmptyAndNullJoinTheNullCategory()
    {
        TraitTable table = TraitTable.Build(
            [
                Token("1", ("Eyes", "x"), ("Hat", "None")),
                Token("2", ("Eyes", "x"), ("Hat", " ")),
                Token("3", ("Eyes", "x"), ("Hat", "NULL")),
                Token("4", ("Eyes", "x")),
                Token("5", ("Eyes", "x"), ("Hat", "Cap")),
            ],
            new TraitTableOptions { MergeNullValues = true });

        TraitType hat = Column(table, "hat");
        hat.Values.ShouldBe(["cap"]);
        hat.Counts.ToArray().ShouldBe([4, 1]);
        ValueOf(table, "1", "hat").ShouldBe(TraitType.NullValue);
        ValueOf(table, "3", "hat").ShouldBe(TraitType.NullValue);
    }

    // ---------------------------------------------------------------- ExcludeEmptyTokens

    [Fact]
    public void Build_ExcludeEmptyTokens_EmptyTokensListedAndNotCounted()
    {
        TraitTable table = TraitTable.Build(
            [Token("1", ("Hat", "Cap")), Token("2"), Token("3", ("Hat", "Crown")), Token("4")],
            new TraitTableOptions { ExcludeEmptyTokens = true });

        table.TokenCount.ShouldBe(2);
        table.TokenIds.ShouldBe(["1", "3"]);
        table.ExcludedTokenIds.ShouldBe(["2", "4"]);
        Column(table, "hat").NullCount.ShouldBe(0); // N = 2, both have a hat
        table.TryGetTokenIndex("2", out _).ShouldBeFalse();
        table.GetTokenIndex("3").ShouldBe(1);
    }

    [Fact]
    public void Build_ExcludeEmptyTokens_DuplicateOfExcludedTokenIsError()
    {
        var options = new TraitTableOptions { ExcludeEmptyTokens = true };

        Should.Throw<CollectionDataException>(() => TraitTable.Build([Token("5"), Token("5", ("Hat", "Cap"))], options))
            .TokenId.ShouldBe("5");
        Should.Throw<CollectionDataException>(() => TraitTable.Build([Token("5", ("Hat", "Cap")), Token("5")], options))
            .TokenId.ShouldBe("5");
        Should.Throw<CollectionDataException>(() => TraitTable.Build([Token("1", ("Hat", "Cap")), Token("5"), Token("5")], options))
            .TokenId.ShouldBe("5");
    }

    [Fact]
    public void Build_ExcludeEmptyTokens_AllEmpty_ThrowsCollectionDataException()
    {
        CollectionDataException ex = Should.Throw<CollectionDataException>(
            () => TraitTable.Build([Token("1"), Token("2")], new TraitTableOptions { ExcludeEmptyTokens = true }));
        ex.Field.ShouldBe("tokens");
    }

    // ---------------------------------------------------------------- numeric traits

    [Fact]
    public void Build_NumericTraitByDefault_ThrowsNamingTokenAndField()
    {
        CollectionDataException ex = Should.Throw<CollectionDataException>(() => TraitTable.Build([
            Token("1", ("Hat", "Cap")),
            new TokenTraits("7", [TraitValue.FromText("Hat", "Cap"), TraitValue.FromNumber("Level", 5)]),
        ]));

        ex.TokenId.ShouldBe("7");
        ex.Field.ShouldBe("Level");
        ex.Message.ShouldContain("token 7", Case.Sensitive);
        ex.Message.ShouldContain("'Level'", Case.Sensitive);
    }

    [Fact]
    public void Build_DateTraitByDefault_ThrowsNamingTokenAndField()
    {
        CollectionDataException ex = Should.Throw<CollectionDataException>(
            () => TraitTable.Build([new TokenTraits("9", [TraitValue.FromDate("Birthday", 1546360800)])]));

        ex.TokenId.ShouldBe("9");
        ex.Field.ShouldBe("Birthday");
    }

    [Fact]
    public void Build_NumericCategorical_EachSourceTextIsACategory()
    {
        TraitTable table = TraitTable.Build(
            [
                Numeric("1", "Level", 5, "5"),
                Numeric("2", "Level", 7, "7"),
                Numeric("3", "level", 5, "5"),
                Numeric("4", "Level", 5, "5.0"),
            ],
            new TraitTableOptions { NumericTraits = NumericTraitHandling.Categorical });

        TraitType level = Column(table, "level");
        level.Values.ShouldBe(["5", "7", "5.0"]);
        level.Counts.ToArray().ShouldBe([0, 2, 1, 1]);
    }

    [Fact]
    public void Build_NumericCategorical_NumbersCountTowardTraitCount()
    {
        TraitTable table = TraitTable.Build(
            [new TokenTraits("1", [TraitValue.FromText("Hat", "Cap"), TraitValue.FromNumber("Level", 0, "0")])],
            new TraitTableOptions { NumericTraits = NumericTraitHandling.Categorical });

        ValueOf(table, "1", Meta).ShouldBe("2"); // spec §2.3: every numeric value counts, even 0
    }

    [Fact]
    public void Build_NumericBinned_EqualWidthBinsAtMostBinCount()
    {
        // Levels 0..19 in 4 equal-width bins of width 19/4 = 4.75: [0,4.75) [4.75,9.5) [9.5,14.25) [14.25,19].
        TraitTable table = TraitTable.Build(
            Enumerable.Range(0, 20).Select(i => Numeric($"{i}", "Level", i, $"{i}")).ToList(),
            new TraitTableOptions { NumericTraits = NumericTraitHandling.Binned, NumericBinCount = 4 });

        TraitType level = Column(table, "level");
        level.ValueCount.ShouldBe(4);
        level.Counts.ToArray().ShouldBe([0, 5, 5, 5, 5]);
        ValueOf(table, "0", "level").ShouldBe(ValueOf(table, "4", "level"));
        ValueOf(table, "4", "level").ShouldNotBe(ValueOf(table, "5", "level"));
        ValueOf(table, "15", "level").ShouldBe(ValueOf(table, "19", "level"));
    }

    [Fact]
    public void Build_NumericBinnedOneMoreDistinctThanBins_Binned()
    {
        // 0,1,2,3 into 3 bins of width 1: 0 | 1 | 2,3 (the maximum falls in the last bin).
        TraitTable table = TraitTable.Build(
            Enumerable.Range(0, 4).Select(i => Numeric($"{i}", "Level", i, $"{i}")).ToList(),
            new TraitTableOptions { NumericTraits = NumericTraitHandling.Binned, NumericBinCount = 3 });

        TraitType level = Column(table, "level");
        level.ValueCount.ShouldBe(3);
        level.Counts.ToArray().ShouldBe([0, 1, 1, 2]);
    }

    [Fact]
    public void Build_NumericBinnedFewerDistinctThanBins_OneCategoryPerNumber()
    {
        double[] levels = [1, 2, 2, 3, 3, 3];
        TraitTable table = TraitTable.Build(
            levels.Select((v, i) => Numeric($"{i}", "Level", v, $"{v}")).ToList(),
            new TraitTableOptions { NumericTraits = NumericTraitHandling.Binned });

        TraitType level = Column(table, "level");
        level.ValueCount.ShouldBe(3);
        level.Counts.ToArray().ShouldBe([0, 1, 2, 3]);
    }

    [Fact]
    public void Build_NumericBinnedLargeValuesNarrowRange_BinsStayDistinct()
    {
        // Levels 1,000,000..1,000,010 (11 distinct) in the default 10 bins of width 10/10 = 1: values +0..+8 one per bin,
        // +9 and +10 share the last bin. Ten categories; bins must not merge because their labels round alike.
        TraitTable table = TraitTable.Build(
            Enumerable.Range(0, 11).Select(i => Numeric($"{i}", "Level", 1_000_000 + i, $"{1_000_000 + i}")).ToList(),
            new TraitTableOptions { NumericTraits = NumericTraitHandling.Binned });

        TraitType level = Column(table, "level");
        level.ValueCount.ShouldBe(10);
        level.Counts.ToArray().ShouldBe([0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2]);
    }

    [Fact]
    public void Build_NumericBinCountZero_ThrowsArgumentOutOfRange()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => TraitTable.Build(
            [Numeric("1", "Level", 1, "1")],
            new TraitTableOptions { NumericTraits = NumericTraitHandling.Binned, NumericBinCount = 0 }));
    }

    // ---------------------------------------------------------------- errors

    [Fact]
    public void Build_DuplicateIds_ThrowsNamingIdAndPosition()
    {
        CollectionDataException ex = Should.Throw<CollectionDataException>(
            () => TraitTable.Build([Token("1", ("A", "x")), Token("2", ("A", "y")), Token("1", ("A", "z"))]));

        ex.TokenId.ShouldBe("1");
        ex.Field.ShouldBe("id");
        ex.Message.ShouldContain("tokens[2]", Case.Sensitive);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Build_EmptyOrWhitespaceId_ThrowsNamingPosition(string? id)
    {
        CollectionDataException ex = Should.Throw<CollectionDataException>(
            () => TraitTable.Build([Token("1", ("A", "x")), Token(id!, ("A", "y"))]));

        ex.TokenId.ShouldBe("tokens[1]");
        ex.Field.ShouldBe("id");
    }

    [Fact]
    public void Build_EmptyCollection_ThrowsCollectionDataException()
    {
        Should.Throw<CollectionDataException>(() => TraitTable.Build([])).Field.ShouldBe("tokens");
    }

    [Fact]
    public void Build_NullToken_ThrowsNamingPosition()
    {
        CollectionDataException ex = Should.Throw<CollectionDataException>(
            () => TraitTable.Build([Token("1", ("A", "x")), null!]));

        ex.TokenId.ShouldBe("tokens[1]");
    }

    [Fact]
    public void Build_NullTraitList_ThrowsNamingToken()
    {
        CollectionDataException ex = Should.Throw<CollectionDataException>(() => TraitTable.Build([new TokenTraits("3", null!)]));

        ex.TokenId.ShouldBe("3");
        ex.Field.ShouldBe("traits");
    }

    [Fact]
    public void Build_DefaultTraitValue_ThrowsNamingTokenAndPosition()
    {
        CollectionDataException ex = Should.Throw<CollectionDataException>(
            () => TraitTable.Build([new TokenTraits("3", [TraitValue.FromText("A", "x"), default])]));

        ex.TokenId.ShouldBe("3");
        ex.Field.ShouldBe("traits[1]");
    }

    [Fact]
    public void Build_NullTokens_ThrowsArgumentNull()
    {
        Should.Throw<ArgumentNullException>(() => TraitTable.Build(null!));
    }

    // ---------------------------------------------------------------- options

    [Fact]
    public void IsOpenRarityCompatible_Defaults_True()
    {
        TraitTableOptions.OpenRarity.IsOpenRarityCompatible.ShouldBeTrue();
        new TraitTableOptions().IsOpenRarityCompatible.ShouldBeTrue();
        new TraitTableOptions { NumericBinCount = 3 }.IsOpenRarityCompatible.ShouldBeTrue(); // unused under Reject
    }

    [Fact]
    public void IsOpenRarityCompatible_AnyDepartingOption_False()
    {
        new TraitTableOptions { MultiValuedTraits = true }.IsOpenRarityCompatible.ShouldBeFalse();
        new TraitTableOptions { MergeNullValues = true }.IsOpenRarityCompatible.ShouldBeFalse();
        new TraitTableOptions { ExcludeEmptyTokens = true }.IsOpenRarityCompatible.ShouldBeFalse();
        new TraitTableOptions { NumericTraits = NumericTraitHandling.Categorical }.IsOpenRarityCompatible.ShouldBeFalse();
        new TraitTableOptions { NumericTraits = NumericTraitHandling.Binned }.IsOpenRarityCompatible.ShouldBeFalse();
    }
}
