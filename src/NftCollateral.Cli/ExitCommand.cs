using System.CommandLine;
using System.Globalization;
using NftCollateral.Sdk.CashFlows;
using NftCollateral.Sdk.CashFlows.ExitRules;
using NftCollateral.Sdk.Market;

namespace NftCollateral.Cli;

/// <summary><c>nftc exit</c>: the exit-rule engine's decision on a revenue-backed loan, with every rule's verdict.</summary>
internal static class ExitCommand
{
    public static Command Create(CliContext context)
    {
        Option<string> position = new("--position")
        {
            Description = "Position file (JSON): asset class, loan, WACC, purchase, valuation, market values, preset and rule overrides (see docs/cashflows.md).",
            Required = true,
            HelpName = "FILE",
        };
        Option<string> revenue = ValueCashFlowsCommand.RevenueFile();
        Option<string?> wacc = new("--wacc")
        {
            Description = "The borrower's WACC in percent (9 or 9% = 9%), above -100; overrides the position file's.",
            HelpName = "PCT",
        };
        Option<string?> asOf = new("--as-of")
        {
            Description = "The date to judge (yyyy-MM-dd); only data up to it is used. Default: the last date of the revenue file.",
            HelpName = "DATE",
        };
        Option<bool> json = new("--json")
        {
            Description = "Print one JSON document: {decision, rules: [{name, fired, reason}], collateralRatio, irr, requiredCollateral} (decision keep|add-collateral|unwind; irr annual, null when undefined).",
        };

        var command = new Command("exit", "Run the exit rules on a revenue-backed loan: 120% threshold with accrued interest, over-collateralization preset, IRR vs WACC, multiple compression, signal buffer and liquidity.")
        {
            position, revenue, wacc, asOf, json,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            string positionPath = parse.GetRequiredValue(position);
            string revenuePath = parse.GetRequiredValue(revenue);
            double? waccOverride = parse.GetValue(wacc) is string w ? ValueCashFlowsCommand.ParsePercent(w, "--wacc") : null;
            DateOnly? date = parse.GetValue(asOf) is string text ? ParseDate(text) : null;

            RevenuePosition loaded;
            await using (FileStream stream = ValueCashFlowsCommand.Open(positionPath))
            {
                try
                {
                    loaded = await RevenuePositionJson.ReadAsync(stream, positionPath, cancellationToken).ConfigureAwait(false);
                }
                catch (CashFlowDataException ex)
                {
                    throw new UsageException(ex.Message);
                }
            }

            CashFlowSeries series = await ValueCashFlowsCommand.LoadRevenueAsync(revenuePath, cancellationToken).ConfigureAwait(false);
            RevenuePosition subject = waccOverride is double value ? loaded with { Wacc = value } : loaded;
            DateOnly when = date ?? series.LastDate;
            ExitDecision decision;
            try
            {
                var builder = new ExitContextBuilder(subject, series);
                decision = ExitRuleEngine.CreateDefault(subject.Rules).Evaluate(builder.Build(when));
            }
            catch (Exception ex) when (ex is ArgumentException or InsufficientHistoryException)
            {
                string message = ex is ArgumentException a ? a.Message.Split(" (Parameter")[0] : ex.Message;
                throw new UsageException($"{positionPath}: {NftcApp.OneLine(message)}");
            }

            if (parse.GetValue(json))
            {
                WriteJson(context.Out, decision);
            }
            else
            {
                WriteHuman(context.Out, subject, decision);
            }

            return NftcApp.Success;
        });
        return command;
    }

    internal static string ActionName(ExitAction action) => action switch
    {
        ExitAction.Unwind => "unwind",
        ExitAction.AddCollateral => "add-collateral",
        _ => "keep",
    };

    private static DateOnly ParseDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date)
            ? date
            : throw new UsageException($"--as-of must be a date (yyyy-MM-dd), not '{text}'");

    private static void WriteJson(TextWriter output, ExitDecision decision)
    {
        CliJson.Write(output, writer =>
        {
            writer.WriteString("decision", ActionName(decision.Action));
            writer.WriteStartArray("rules");
            foreach (ExitVerdict verdict in decision.Verdicts)
            {
                writer.WriteStartObject();
                writer.WriteString("name", verdict.Rule);
                writer.WriteBoolean("fired", verdict.Fired);
                writer.WriteString("reason", verdict.Reason);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteNumber("collateralRatio", decision.CollateralRatio);
            if (decision.ProjectedIrr?.Rate is double irr)
            {
                writer.WriteNumber("irr", irr);
            }
            else
            {
                writer.WriteNull("irr");
            }

            writer.WriteNumber("requiredCollateral", decision.RequiredCollateral);
        });
    }

    private static void WriteHuman(TextWriter output, RevenuePosition position, ExitDecision d)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        CollateralPreset preset = position.EffectivePreset;
        output.WriteLine($"{position.Name} ({AssetClasses.ToName(position.AssetClass)}) as of {d.AsOf.ToString("yyyy-MM-dd", inv)}: {ActionName(d.Action).ToUpperInvariant()}");
        output.WriteLine(string.Create(inv, $"  collateral {d.CollateralValue:N0} after a {ValueCashFlowsCommand.Percent(preset.Haircut)} haircut; debt {d.Debt:N0} with accrued interest; ratio {ValueCashFlowsCommand.Percent(d.CollateralRatio)}"));
        output.WriteLine(string.Create(inv, $"  required collateral {d.RequiredCollateral:N0} ({ValueCashFlowsCommand.Percent(d.RequiredRatio)} of the debt; preset {ValueCashFlowsCommand.Percent(preset.MinRatio)}-{ValueCashFlowsCommand.Percent(preset.MaxRatio)})"));
        string wacc = position.Wacc is double w ? $" vs WACC {ValueCashFlowsCommand.Percent(w)}" : string.Empty;
        output.WriteLine(d.ProjectedIrr?.Rate is double irr
            ? $"  projected IRR {ValueCashFlowsCommand.Percent(irr)} a year{wacc}"
            : $"  projected IRR undefined ({d.ProjectedIrr?.Reason ?? "not computed"})");
        foreach (ExitVerdict v in d.Verdicts)
        {
            string mark = v.Fired ? $"FIRED {ActionName(v.Action)}" : v.Evaluated ? "ok" : "n/a";
            output.WriteLine($"  [{mark}] {v.Rule}: {v.Reason}");
        }
    }
}
