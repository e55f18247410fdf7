using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using NftCollateral.Sdk.Lending;

namespace NftCollateral.Sdk.Tests.Lending;

/// <summary>
/// Handlers for a family of vector groups. Each test-assembly type implementing this is discovered by reflection.
/// </summary>
public interface ILendingVectorHandlers
{
    /// <summary>
    /// Per-case handlers by group id: compute the case's <c>out</c> from its <c>in</c> element, as a JSON node of the
    /// same shape (a decimal string for a uint, an object for a composite, a bool), or throw
    /// <see cref="ProtocolRevertException"/> where the protocol reverts.
    /// </summary>
    IReadOnlyDictionary<string, Func<JsonElement, JsonNode?>> Cases { get; }

    /// <summary>
    /// Whole-group handlers by group id, for groups that hold a <c>sequence</c> instead of <c>cases</c> (stateful
    /// contracts such as an oracle): return one line per mismatch, empty when everything agrees.
    /// </summary>
    IReadOnlyDictionary<string, Func<JsonElement, IReadOnlyList<string>>> Sequences { get; }
}

/// <summary>Loads the lending vectors (<c>NFTC_LENDING_VECTORS</c> overrides the path) and runs one group.</summary>
public static class LendingVectors
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
    {
        string? path = Environment.GetEnvironmentVariable("NFTC_LENDING_VECTORS");
        path = string.IsNullOrEmpty(path) ? SharedData.Path("conformance", "lending-vectors.json") : path;
        return JsonDocument.Parse(File.ReadAllBytes(path));
    });

    private static readonly Lazy<(Dictionary<string, Func<JsonElement, JsonNode?>> Cases, Dictionary<string, Func<JsonElement, IReadOnlyList<string>>> Sequences)> Handlers = new(() =>
    {
        var cases = new Dictionary<string, Func<JsonElement, JsonNode?>>(StringComparer.Ordinal);
        var sequences = new Dictionary<string, Func<JsonElement, IReadOnlyList<string>>>(StringComparer.Ordinal);
        foreach (Type type in typeof(LendingVectors).Assembly.GetTypes())
        {
            if (type.IsClass && !type.IsAbstract && typeof(ILendingVectorHandlers).IsAssignableFrom(type))
            {
                var handlers = (ILendingVectorHandlers)Activator.CreateInstance(type)!;
                foreach (KeyValuePair<string, Func<JsonElement, JsonNode?>> pair in handlers.Cases)
                {
                    cases.Add(pair.Key, pair.Value);
                }

                foreach (KeyValuePair<string, Func<JsonElement, IReadOnlyList<string>>> pair in handlers.Sequences)
                {
                    sequences.Add(pair.Key, pair.Value);
                }
            }
        }

        return (cases, sequences);
    });

    public static IEnumerable<JsonElement> Groups => Document.Value.RootElement.GetProperty("groups").EnumerateArray();

    public static TheoryData<string> GroupIds()
    {
        var data = new TheoryData<string>();
        foreach (JsonElement group in Groups)
        {
            data.Add(group.GetProperty("id").GetString()!);
        }

        return data;
    }

    /// <summary>Runs every case of a group; returns (cases run, mismatch descriptions).</summary>
    public static (int Run, List<string> Mismatches) Run(string groupId)
    {
        JsonElement group = Groups.First(g => g.GetProperty("id").GetString() == groupId);
        var mismatches = new List<string>();
        if (group.TryGetProperty("sequence", out JsonElement sequence))
        {
            if (!Handlers.Value.Sequences.TryGetValue(groupId, out Func<JsonElement, IReadOnlyList<string>>? runSequence))
            {
                mismatches.Add($"no sequence handler for group {groupId}");
                return (0, mismatches);
            }

            mismatches.AddRange(runSequence(group));
            return (sequence.GetArrayLength(), mismatches);
        }

        if (!Handlers.Value.Cases.TryGetValue(groupId, out Func<JsonElement, JsonNode?>? handler))
        {
            mismatches.Add($"no case handler for group {groupId}");
            return (0, mismatches);
        }

        int index = 0;
        foreach (JsonElement testCase in group.GetProperty("cases").EnumerateArray())
        {
            string label = $"{groupId}[{index}]" + (testCase.GetProperty("in").TryGetProperty("_note", out JsonElement note) ? $" ({note.GetString()})" : string.Empty);
            bool reverts = testCase.GetProperty("reverts").GetBoolean();
            try
            {
                JsonNode? actual = handler(testCase.GetProperty("in"));
                if (reverts)
                {
                    mismatches.Add($"{label}: expected a revert ({testCase.GetProperty("revert_reason").GetString()}), got {actual?.ToJsonString() ?? "null"}");
                }
                else
                {
                    JsonNode? expected = JsonNode.Parse(testCase.GetProperty("out").GetRawText());
                    if (!JsonNode.DeepEquals(expected, actual))
                    {
                        mismatches.Add($"{label}: expected {expected?.ToJsonString()}, got {actual?.ToJsonString() ?? "null"}");
                    }
                }
            }
            catch (ProtocolRevertException ex)
            {
                if (!reverts)
                {
                    mismatches.Add($"{label}: unexpected revert {ex.RevertReason}");
                }
                else if (ex.RevertReason != testCase.GetProperty("revert_reason").GetString())
                {
                    mismatches.Add($"{label}: expected revert '{testCase.GetProperty("revert_reason").GetString()}', got '{ex.RevertReason}'");
                }
            }

            index++;
        }

        return (index, mismatches);
    }
}
