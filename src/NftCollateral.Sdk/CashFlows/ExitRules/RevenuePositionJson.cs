using System.Globalization;
using System.Text.Json;

namespace NftCollateral.Sdk.CashFlows.ExitRules;

/// <summary>
/// Reads the position file (JSON) of a revenue-backed loan into a <see cref="RevenuePosition"/>. The format is in
/// <c>docs/cashflows.md</c>; unknown properties are errors, so that a misspelt override is not silently ignored.
/// </summary>
/// <remarks>
/// A malformed file raises <see cref="CashFlowDataException"/> whose source is the file name and whose field is the JSON
/// path of the property at fault (for example <c>loan.principal</c>), in one line. Rates are fractions (0.09 = 9%), dates
/// ISO <c>yyyy-MM-dd</c>, amounts in the position's currency.
/// </remarks>
public static class RevenuePositionJson
{
    private static readonly string[] TopLevel = ["name", "assetClass", "loan", "wacc", "purchase", "collateralValue", "marketValues", "valuation", "preset", "liquidity", "rules"];

    /// <summary>Reads a position from JSON text.</summary>
    /// <param name="json">The file's text.</param>
    /// <param name="sourceName">The file name, used in error messages.</param>
    /// <returns>The position.</returns>
    /// <exception cref="CashFlowDataException">The file is malformed, a required property is missing, a value is out of range, or the asset class is unknown.</exception>
    public static RevenuePosition Read(string json, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(sourceName);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new CashFlowDataException($"malformed JSON at line {(ex.LineNumber ?? 0) + 1}: {ex.Message.Split('\n')[0].Trim()}", sourceName, null, ex);
        }

        using (document)
        {
            return new Reader(sourceName).Position(document.RootElement);
        }
    }

    /// <summary>Reads a position from a stream (UTF-8).</summary>
    /// <param name="stream">The file's bytes; left open.</param>
    /// <param name="sourceName">The file name, used in error messages.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The position.</returns>
    /// <exception cref="CashFlowDataException">The file is malformed.</exception>
    public static async Task<RevenuePosition> ReadAsync(Stream stream, string sourceName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new StreamReader(stream, leaveOpen: true);
        string text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        return Read(text, sourceName);
    }

    private sealed class Reader(string source)
    {
        public RevenuePosition Position(JsonElement root)
        {
            Object(root, "$", TopLevel);
            string assetText = String(root, "assetClass", "assetClass", required: true)!;
            if (!AssetClasses.TryParse(assetText, out AssetClass assetClass))
            {
                throw Error("assetClass", $"unknown asset class '{assetText}' (expected one of: {string.Join(", ", AssetClasses.Names)})");
            }

            CollateralPreset preset = CollateralPreset.For(assetClass);
            bool presetOverridden = false;
            if (root.TryGetProperty("preset", out JsonElement p))
            {
                Object(p, "preset", ["minRatio", "maxRatio", "haircut"]);
                presetOverridden = true;
                preset = preset with
                {
                    MinRatio = Number(p, "minRatio", "preset.minRatio") ?? preset.MinRatio,
                    MaxRatio = Number(p, "maxRatio", "preset.maxRatio") ?? preset.MaxRatio,
                    Haircut = Number(p, "haircut", "preset.haircut") ?? preset.Haircut,
                    Source = "position file",
                };
                Check(preset.Validate, "preset");
            }

            double? wacc = Number(root, "wacc", "wacc");
            if (wacc is double w && w <= -1)
            {
                throw Error("wacc", string.Create(CultureInfo.InvariantCulture, $"a WACC of {w:R} (-100% or less) is not a cost of capital"));
            }

            var position = new RevenuePosition
            {
                Name = String(root, "name", "name", required: false) ?? "position",
                AssetClass = assetClass,
                Loan = Loan(Required(root, "loan", "loan")),
                Wacc = wacc,
                Purchase = root.TryGetProperty("purchase", out JsonElement purchase) ? Purchase(purchase) : null,
                CollateralValue = NonNegative(root, "collateralValue", "collateralValue"),
                MarketValues = root.TryGetProperty("marketValues", out JsonElement values) ? MarketValues(values) : [],
                Valuation = root.TryGetProperty("valuation", out JsonElement v) ? Valuation(v) : new RevenueValuation(),
                Preset = presetOverridden ? preset : null,
                Liquidity = root.TryGetProperty("liquidity", out JsonElement l) ? Liquidity(l) : null,
                Rules = root.TryGetProperty("rules", out JsonElement r) ? Rules(r) : null,
            };
            return position;
        }

        private RevenueLoan Loan(JsonElement e)
        {
            Object(e, "loan", ["principal", "annualRate", "start", "compounding", "accruedInterest"]);
            string compounding = String(e, "compounding", "loan.compounding", required: false) ?? "simple";
            var loan = new RevenueLoan
            {
                Principal = Number(e, "principal", "loan.principal", required: true)!.Value,
                AnnualRate = Number(e, "annualRate", "loan.annualRate", required: true)!.Value,
                Start = Date(e, "start", "loan.start"),
                Compounding = compounding.ToLowerInvariant() switch
                {
                    "simple" => InterestCompounding.Simple,
                    "annual" => InterestCompounding.Annual,
                    _ => throw Error("loan.compounding", $"expected 'simple' or 'annual', not '{compounding}'"),
                },
                AccruedInterest = Number(e, "accruedInterest", "loan.accruedInterest"),
            };
            Check(loan.Validate, "loan");
            return loan;
        }

        private CashFlow Purchase(JsonElement e)
        {
            Object(e, "purchase", ["date", "price"]);
            double price = Number(e, "price", "purchase.price", required: true)!.Value;
            return price > 0 ? new CashFlow(Date(e, "date", "purchase.date"), -price) : throw Error("purchase.price", "must be positive (it is paid out)");
        }

        private List<MarketValue> MarketValues(JsonElement e)
        {
            if (e.ValueKind != JsonValueKind.Array)
            {
                throw Error("marketValues", $"expected an array of {{\"date\", \"value\"}}, not {Kind(e)}");
            }

            var list = new List<MarketValue>();
            int i = 0;
            foreach (JsonElement item in e.EnumerateArray())
            {
                string path = string.Create(CultureInfo.InvariantCulture, $"marketValues[{i++}]");
                Object(item, path, ["date", "value"]);
                var mv = new MarketValue(Date(item, "date", path + ".date"), NonNegative(item, "value", path + ".value", required: true)!.Value);
                if (list.Count > 0 && mv.Date <= list[^1].Date)
                {
                    throw Error(path + ".date", $"{CashFlowSeries.Iso(mv.Date)} is not after the previous date {CashFlowSeries.Iso(list[^1].Date)} (values must be in date order, one per date)");
                }

                list.Add(mv);
            }

            return list;
        }

        private RevenueValuation Valuation(JsonElement e)
        {
            Object(e, "valuation", ["discountRate", "growth", "projectionYears"]);
            double? rate = Number(e, "discountRate", "valuation.discountRate");
            if (rate is double d && d <= -1)
            {
                throw Error("valuation.discountRate", "must be above -1 (-100%)");
            }

            double? years = Number(e, "projectionYears", "valuation.projectionYears");
            if (years is double y && (y != Math.Floor(y) || y < 1 || y > 100))
            {
                throw Error("valuation.projectionYears", "must be a whole number of years from 1 to 100");
            }

            return new RevenueValuation { DiscountRate = rate, Growth = Number(e, "growth", "valuation.growth") ?? 0, ProjectionYears = (int)(years ?? 5) };
        }

        private LiquidityInput Liquidity(JsonElement e)
        {
            Object(e, "liquidity", ["bestAsk", "bestBid", "salesPerDay", "positionSize", "participationRate"]);
            double? size = Number(e, "positionSize", "liquidity.positionSize");
            if (size is double s && (s != Math.Floor(s) || s < 1 || s > int.MaxValue))
            {
                throw Error("liquidity.positionSize", "must be a whole number of tokens of at least 1");
            }

            var input = new LiquidityInput
            {
                BestAsk = Positive(e, "bestAsk", "liquidity.bestAsk"),
                BestBid = Positive(e, "bestBid", "liquidity.bestBid"),
                SalesPerDay = Positive(e, "salesPerDay", "liquidity.salesPerDay"),
                PositionSize = (int)(size ?? 1),
                ParticipationRate = Positive(e, "participationRate", "liquidity.participationRate") ?? 1m,
            };
            try
            {
                input.Evaluate();
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or NftCollateralException)
            {
                throw Error("liquidity", ex.Message.Split('\n')[0].Trim());
            }

            return input;
        }

        private ExitRuleOptions Rules(JsonElement e)
        {
            Object(e, "rules", ["unwindRatio", "irrShortfallBps", "compressionAddCollateralDays", "compressionUnwindDays", "rsiBelow", "signalBufferIncrease", "rsiPeriod", "divergenceLookback", "divergenceRecent"]);
            var d = ExitRuleOptions.Default;
            var options = new ExitRuleOptions
            {
                UnwindRatio = Number(e, "unwindRatio", "rules.unwindRatio") ?? d.UnwindRatio,
                IrrShortfallBps = Number(e, "irrShortfallBps", "rules.irrShortfallBps") ?? d.IrrShortfallBps,
                CompressionAddCollateralDays = Whole(e, "compressionAddCollateralDays", d.CompressionAddCollateralDays),
                CompressionUnwindDays = Whole(e, "compressionUnwindDays", d.CompressionUnwindDays),
                RsiBelow = Number(e, "rsiBelow", "rules.rsiBelow") ?? d.RsiBelow,
                SignalBufferIncrease = Number(e, "signalBufferIncrease", "rules.signalBufferIncrease") ?? d.SignalBufferIncrease,
                RsiPeriod = Whole(e, "rsiPeriod", d.RsiPeriod),
                DivergenceLookback = Whole(e, "divergenceLookback", d.DivergenceLookback),
                DivergenceRecent = Whole(e, "divergenceRecent", d.DivergenceRecent),
            };
            Check(options.Validate, "rules");
            return options;
        }

        private int Whole(JsonElement e, string name, int fallback)
        {
            double? value = Number(e, name, "rules." + name);
            return value switch
            {
                null => fallback,
                double v when v == Math.Floor(v) && v >= 0 && v <= 100_000 => (int)v,
                _ => throw Error("rules." + name, "must be a whole number from 0 to 100000"),
            };
        }

        private void Object(JsonElement e, string path, string[] known)
        {
            if (e.ValueKind != JsonValueKind.Object)
            {
                throw Error(path == "$" ? null : path, path == "$" ? $"not a position file: expected a JSON object, not {Kind(e)}" : $"expected an object, not {Kind(e)}");
            }

            foreach (JsonProperty property in e.EnumerateObject())
            {
                if (Array.IndexOf(known, property.Name) < 0)
                {
                    string at = path == "$" ? property.Name : $"{path}.{property.Name}";
                    throw Error(at, $"unknown property (expected one of: {string.Join(", ", known)})");
                }
            }
        }

        private JsonElement Required(JsonElement e, string name, string path) =>
            e.TryGetProperty(name, out JsonElement value) ? value : throw Error(path, "missing (required)");

        private string? String(JsonElement e, string name, string path, bool required)
        {
            if (!e.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
            {
                return required ? throw Error(path, "missing (required)") : null;
            }

            return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Error(path, $"expected a string, not {Kind(value)}");
        }

        private double? Number(JsonElement e, string name, string path, bool required = false)
        {
            if (!e.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
            {
                return required ? throw Error(path, "missing (required)") : null;
            }

            if (value.ValueKind != JsonValueKind.Number)
            {
                throw Error(path, $"expected a number, not {Kind(value)}");
            }

            double number = value.GetDouble();
            return double.IsFinite(number) ? number : throw Error(path, "number out of range");
        }

        private double? NonNegative(JsonElement e, string name, string path, bool required = false)
        {
            double? value = Number(e, name, path, required);
            return value is null or >= 0 ? value : throw Error(path, "must not be negative");
        }

        private decimal? Positive(JsonElement e, string name, string path)
        {
            double? value = Number(e, name, path);
            if (value is null)
            {
                return null;
            }

            return value > 0 && value < 1e15 ? (decimal)value.Value : throw Error(path, "must be positive (and below 1e15)");
        }

        private DateOnly Date(JsonElement e, string name, string path)
        {
            string text = String(e, name, path, required: true)!;
            return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date)
                ? date
                : throw Error(path, $"not a date yyyy-MM-dd: '{text}'");
        }

        private void Check(Action validate, string path)
        {
            try
            {
                validate();
            }
            catch (ArgumentException ex)
            {
                throw Error(path, ex.Message.Split(" (Parameter")[0]);
            }
        }

        private CashFlowDataException Error(string? field, string reason) => new(reason, source, field);

        private static string Kind(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "null",
        };
    }
}
