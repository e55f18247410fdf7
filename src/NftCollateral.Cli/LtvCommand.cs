using System.CommandLine;
using System.Globalization;
using NftCollateral.Sdk.Appraisal;
using NftCollateral.Sdk.Lending.Ltv;

namespace NftCollateral.Cli;

/// <summary><c>nftc ltv</c>: a token's max LTV, borrow limit, liquidation threshold and price under one LTV model.</summary>
internal static class LtvCommand
{
    public static Command Create(CliContext context)
    {
        var inputs = new AppraisalCli.DataOptions();
        Option<string> token = AppraisalCli.TokenOption();
        Option<string> asOf = AppraisalCli.AsOfOption();
        Option<string> model = new("--model")
        {
            Description = "LTV model: fixed (LTV on the floor), rarity (LTV on floor × rarity multiplier), trait-boost (JPEG'd-style min(cap, base + boosts) × value), liquidity (LTV cut by a liquidity haircut), risk (from the collection's drawdowns).",
            Required = true,
            HelpName = "model",
        };
        model.AcceptOnlyFromAmong("fixed", "rarity", "trait-boost", "liquidity", "risk");
        Option<string?> ltv = new("--ltv") { Description = "Base LTV (fraction). Defaults: fixed/rarity/liquidity 0.40 (blue chip; 0.30 with --tier standard), trait-boost 0.32 (JPEG'd CryptoPunks at launch).", HelpName = "FRACTION" };
        Option<string?> threshold = new("--threshold") { Description = "Base liquidation threshold (fraction). Defaults: 0.80 (BendDAO), trait-boost 0.33.", HelpName = "FRACTION" };
        Option<string> tier = new("--tier") { Description = "fixed/rarity/liquidity default tier: blue-chip (40%) or standard (30%).", DefaultValueFactory = _ => "blue-chip", HelpName = "tier" };
        tier.AcceptOnlyFromAmong("blue-chip", "standard");
        Option<string?> multiplier = new("--multiplier") { Description = "rarity: the floor multiplier (default: the appraisal over the floor, within [1, 5]).", HelpName = "X" };
        Option<string[]> boosts = new("--boost") { Description = "trait-boost: TYPE=VALUE:+CREDIT[:+LIQUIDATION], repeatable (e.g. \"type=Alien:+0.1\").", HelpName = "BOOST", AllowMultipleArgumentsPerToken = false };
        Option<string[]> valueMultipliers = new("--value-multiplier") { Description = "trait-boost: TYPE=VALUE:X values tokens with that trait at X × floor, repeatable.", HelpName = "SPEC" };
        Option<string?> cap = new("--cap") { Description = "trait-boost: credit rate cap (default 0.50) and, +0.01, the liquidation rate cap.", HelpName = "FRACTION" };
        Option<string?> target = new("--target") { Description = "risk: tolerated chance of a shortfall for a new loan (default 0.01).", HelpName = "P" };
        Option<string?> tolerance = new("--tolerance") { Description = "risk: chance at which a position must be liquidated (default 0.05).", HelpName = "P" };
        Option<string?> penalty = new("--penalty") { Description = "risk: liquidation penalty as a fraction of the debt (default 0.05).", HelpName = "FRACTION" };
        Option<string?> grace = new("--grace-days") { Description = "risk: grace (redeem) period in days (default 2).", HelpName = "DAYS" };
        Option<string?> auction = new("--auction-days") { Description = "risk: auction length in days (default 2).", HelpName = "DAYS" };
        Option<int> position = new("--position") { Description = "liquidity: tokens liquidated together (default 1).", DefaultValueFactory = _ => 1, HelpName = "K" };
        Option<bool> json = new("--json") { Description = "Print one JSON document: {value, maxLtv, borrowLimit, liquidationThreshold, liquidationPrice, model, reasoning}." };

        var command = new Command("ltv", "Max LTV, borrow limit, liquidation threshold and liquidation price of one token under an LTV model, from its appraisal as of a date.");
        inputs.AddTo(command);
        foreach (Option option in new Option[] { token, asOf, model, ltv, threshold, tier, multiplier, boosts, valueMultipliers, cap, target, tolerance, penalty, grace, auction, position, json })
        {
            command.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            DateOnly date = AppraisalCli.ParseDate(parse.GetRequiredValue(asOf), "--as-of");
            string tokenId = parse.GetRequiredValue(token).Trim();
            string name = parse.GetRequiredValue(model);
            decimal tierLtv = parse.GetValue(tier) == "standard" ? 0.30m : 0.40m;
            decimal? Fraction(Option<string?> option) => ParseNumber(parse.GetValue(option), option.Name);
            int k = parse.GetValue(position);
            if (k < 1)
            {
                throw new UsageException($"--position must be at least 1, not {k.ToString(CultureInfo.InvariantCulture)}");
            }

            ILoanToValueModel ltvModel = AppraisalCli.Run(() => Build(
                name,
                Fraction(ltv),
                Fraction(threshold),
                tierLtv,
                Fraction(multiplier),
                parse.GetValue(boosts) ?? [],
                parse.GetValue(valueMultipliers) ?? [],
                Fraction(cap),
                Fraction(target),
                Fraction(tolerance),
                Fraction(penalty),
                Fraction(grace),
                Fraction(auction)));

            AppraisalDataset data = await inputs.LoadAsync(parse, cancellationToken).ConfigureAwait(false);
            TokenAppraisal appraisal = AppraisalCli.Run(() => new TraitPremiumAppraiser(data).Appraise(tokenId, date));
            CollateralContext collateral = CollateralContext.FromAppraisal(appraisal, data) with
            {
                RarityMultiplier = Fraction(multiplier),
                PositionSize = k,
            };
            LoanToValueResult result;
            try
            {
                result = ltvModel.Evaluate(collateral);
            }
            catch (ArgumentException ex)
            {
                throw new UsageException($"--model {name}: {NftcApp.OneLine(ex.Message)}");
            }
            catch (NftCollateral.Sdk.Market.InsufficientHistoryException ex)
            {
                // Too little floor history before --as-of: a date the data cannot answer, not a made-up LTV.
                throw new UsageException($"--model {name} as of {AppraisalCli.Iso(date)}: {NftcApp.OneLine(ex.Message)}");
            }

            if (parse.GetValue(json))
            {
                CliJson.Write(context.Out, writer =>
                {
                    writer.WriteNumber("value", result.ValueEth);
                    writer.WriteNumber("maxLtv", result.MaxLtv);
                    writer.WriteNumber("borrowLimit", result.BorrowLimitEth);
                    writer.WriteNumber("liquidationThreshold", result.LiquidationThreshold);
                    writer.WriteNumber("liquidationPrice", result.LiquidationPriceEth);
                    writer.WriteString("model", result.Model);
                    writer.WriteStartArray("reasoning");
                    foreach (string line in result.Reasoning)
                    {
                        writer.WriteStringValue(line);
                    }

                    writer.WriteEndArray();
                });
            }
            else
            {
                CultureInfo inv = CultureInfo.InvariantCulture;
                context.Out.WriteLine(string.Create(inv, $"{data.Collection} #{tokenId} as of {AppraisalCli.Iso(date)}, model {result.Model}: value {result.ValueEth:0.####} ETH, max LTV {result.MaxLtv:P1}, borrow limit {result.BorrowLimitEth:0.####} ETH, liquidation threshold {result.LiquidationThreshold:P1}, liquidation price {result.LiquidationPriceEth:0.####} ETH"));
                foreach (string line in result.Reasoning)
                {
                    context.Out.WriteLine($"  {line}");
                }
            }

            return NftcApp.Success;
        });
        return command;
    }

    private static ILoanToValueModel Build(
        string name, decimal? ltv, decimal? threshold, decimal tierLtv, decimal? multiplier, string[] boosts, string[] valueMultipliers, decimal? cap,
        decimal? target, decimal? tolerance, decimal? penalty, decimal? grace, decimal? auction)
    {
        Reject(name != "rarity" && multiplier is not null, "--multiplier is for --model rarity");
        Reject(name != "trait-boost" && (boosts.Length > 0 || valueMultipliers.Length > 0 || cap is not null), "--boost, --value-multiplier and --cap are for --model trait-boost");
        Reject(name != "risk" && (target ?? tolerance ?? penalty ?? grace ?? auction) is not null, "--target, --tolerance, --penalty, --grace-days and --auction-days are for --model risk");
        Reject(name == "risk" && (ltv ?? threshold) is not null, "--model risk derives the LTV and threshold from the floor history; --ltv and --threshold do not apply");
        try
        {
            return name switch
            {
                "fixed" => new FixedLtvModel(ltv ?? tierLtv, threshold ?? 0.80m),
                "rarity" => new RarityMultiplierLtvModel(ltv ?? tierLtv, threshold ?? 0.80m),
                "liquidity" => new LiquidityAdjustedLtvModel(ltv ?? tierLtv, threshold ?? 0.80m),
                "trait-boost" => new TraitBoostLtvModel(
                    ltv ?? 0.32m,
                    threshold ?? 0.33m,
                    cap ?? 0.50m,
                    Math.Min(1m, (cap ?? 0.50m) + 0.01m),
                    [.. boosts.Select(ParseBoost)],
                    [.. valueMultipliers.Select(ParseValueMultiplier)]),
                _ => new RiskBasedLtvModel(
                    (double)(target ?? 0.01m),
                    (double)(tolerance ?? Math.Max(0.05m, target ?? 0.01m)),
                    penalty ?? 0.05m,
                    (double)(grace ?? 2m),
                    (double)(auction ?? 2m)),
            };
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new UsageException($"--model {name}: {NftcApp.OneLine(ex.Message)}");
        }
    }

    private static void Reject(bool condition, string message)
    {
        if (condition)
        {
            throw new UsageException(message);
        }
    }

    private static decimal? ParseNumber(string? text, string option)
    {
        if (text is null)
        {
            return null;
        }

        return decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out decimal value)
            ? value
            : throw new UsageException($"{option} must be a number, not '{text}'");
    }

    private static TraitBoost ParseBoost(string spec)
    {
        // TYPE=VALUE:+CREDIT[:+LIQUIDATION]
        string[] parts = spec.Split(':');
        int eq = parts[0].IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0 || parts.Length is < 2 or > 3)
        {
            throw new UsageException($"--boost must be TYPE=VALUE:+CREDIT[:+LIQUIDATION], not '{spec}'");
        }

        decimal credit = ParseNumber(parts[1], "--boost") ?? 0;
        decimal liquidation = parts.Length == 3 ? ParseNumber(parts[2], "--boost") ?? 0 : credit;
        return new TraitBoost(parts[0][..eq], parts[0][(eq + 1)..], credit, liquidation);
    }

    private static TraitValueMultiplier ParseValueMultiplier(string spec)
    {
        string[] parts = spec.Split(':');
        int eq = parts[0].IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0 || parts.Length != 2)
        {
            throw new UsageException($"--value-multiplier must be TYPE=VALUE:X, not '{spec}'");
        }

        return new TraitValueMultiplier(parts[0][..eq], parts[0][(eq + 1)..], ParseNumber(parts[1], "--value-multiplier") ?? 1);
    }
}
