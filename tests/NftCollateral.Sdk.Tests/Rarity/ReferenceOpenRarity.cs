using System.Globalization;
using System.Text.Json;
using NftCollateral.Sdk.Text;

namespace NftCollateral.Sdk.Tests.Rarity;

/// <summary>One token as given to the reference: its id and its string attributes in source order.</summary>
/// <param name="TokenId">The token id.</param>
/// <param name="Attributes">(trait type, string value) pairs, as written in the source; names may repeat.</param>
internal sealed record ReferenceToken(string TokenId, IReadOnlyList<(string TraitType, string Value)> Attributes);

/// <summary>The reference's result for one token.</summary>
/// <param name="Rank">OpenRarity's rank (unique count first, then score; competition ranking with isclose ties).</param>
/// <param name="Score">IC / H.</param>
/// <param name="UniqueCount">How many of the token's own attributes are held by exactly one token.</param>
internal readonly record struct ReferenceRarity(int Rank, double Score, int UniqueCount);

/// <summary>
/// A deliberately literal, slow port of OpenRarity 0.7.5's scoring and ranking, written from
/// shared/specs/rarity.md §2 only. It shares nothing with the library except <see cref="PythonString.LowerStrip"/>
/// (Python's <c>s.lower().strip()</c>), which has its own tests.
/// </summary>
internal static class ReferenceOpenRarity
{
    /// <summary>The meta trait name (§2.3).</summary>
    public const string TraitCountName = "meta_trait:trait_count";

    /// <summary>
    /// Scores and ranks a collection. Returns, per token id, its rank, score and unique-attribute count.
    /// </summary>
    public static Dictionary<string, ReferenceRarity> Rank(IReadOnlyList<ReferenceToken> tokens) => Run(tokens).Rarities;

    /// <summary>The collection entropy H exactly as §2.7 computes it (before the H == 0 guard).</summary>
    public static double Entropy(IReadOnlyList<ReferenceToken> tokens) => Run(tokens).RawEntropy;

    /// <summary>
    /// Reads a shared/data <c>*-traits.json</c> file directly (independently of the library's loader):
    /// <c>{"tokens": [{"id": 0, "traits": {"Name": "Value", ...}}, ...]}</c>, keeping token and key order.
    /// </summary>
    public static List<ReferenceToken> ReadTraitsFile(string path)
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var result = new List<ReferenceToken>();
        foreach (JsonElement token in doc.RootElement.GetProperty("tokens").EnumerateArray())
        {
            JsonElement id = token.GetProperty("id");
            string tokenId = id.ValueKind == JsonValueKind.String ? id.GetString()! : id.GetRawText();
            var attributes = new List<(string, string)>();
            foreach (JsonProperty trait in token.GetProperty("traits").EnumerateObject())
            {
                if (trait.Value.ValueKind != JsonValueKind.String)
                {
                    throw new NotSupportedException($"The reference only handles string traits ({tokenId}: {trait.Name}).");
                }

                attributes.Add((trait.Name, trait.Value.GetString()!));
            }

            result.Add(new ReferenceToken(tokenId, attributes));
        }

        return result;
    }

    private static (Dictionary<string, ReferenceRarity> Rarities, double RawEntropy) Run(IReadOnlyList<ReferenceToken> tokens)
    {
        int n = tokens.Count;
        var rarities = new Dictionary<string, ReferenceRarity>();
        if (n == 0)
        {
            return (rarities, 0.0);
        }

        // §2.1/§2.2: one Python dict per token, keyed by the normalized name; values normalized too.
        var dicts = new List<PyDict<string>>();
        foreach (ReferenceToken token in tokens)
        {
            var dict = new PyDict<string>();
            foreach ((string traitType, string value) in token.Attributes)
            {
                dict[PythonString.LowerStrip(traitType)] = PythonString.LowerStrip(value);
            }

            dicts.Add(dict);
        }

        // §2.3: trait_count = string attributes whose value is not "none" or "", minus one when the token already
        // has the meta trait; then stored as the string attribute meta_trait:trait_count (dict assignment).
        foreach (PyDict<string> dict in dicts)
        {
            int traitCount = 0;
            foreach (string key in dict.Keys)
            {
                string value = dict[key];
                if (value != "none" && value != "")
                {
                    traitCount++;
                }
            }

            if (dict.ContainsKey(TraitCountName))
            {
                traitCount--;
            }

            dict[TraitCountName] = traitCount.ToString(CultureInfo.InvariantCulture);
        }

        // §2.4: counts[name][value], both in order of first appearance.
        var counts = new PyDict<PyDict<int>>();
        foreach (PyDict<string> dict in dicts)
        {
            foreach (string name in dict.Keys)
            {
                if (!counts.ContainsKey(name))
                {
                    counts[name] = new PyDict<int>();
                }

                PyDict<int> valueCounts = counts[name];
                string value = dict[name];
                valueCounts[value] = valueCounts.ContainsKey(value) ? valueCounts[value] + 1 : 1;
            }
        }

        // §2.5: the Null category of each name, when some tokens lack it.
        var nullCounts = new Dictionary<string, int>();
        foreach (string name in counts.Keys)
        {
            int total = 0;
            foreach (string value in counts[name].Keys)
            {
                total += counts[name][value];
            }

            int missing = n - total;
            if (missing > 0)
            {
                nullCounts[name] = missing;
            }
        }

        // §2.7: entropy over probs in insertion order, each name's values first, then its Null category; np.dot with
        // reference BLAS is a sequential sum.
        var probs = new List<double>();
        foreach (string name in counts.Keys)
        {
            foreach (string value in counts[name].Keys)
            {
                probs.Add((double)counts[name][value] / n);
            }

            if (nullCounts.TryGetValue(name, out int missing))
            {
                probs.Add((double)missing / n);
            }
        }

        double dot = 0.0;
        foreach (double p in probs)
        {
            dot += p * Math.Log2(p);
        }

        double rawEntropy = -dot;
        double entropy = rawEntropy == 0 ? 1.0 : rawEntropy;

        // §2.6: per token, every name of the collection sorted by code point; p = 1 / (N / count); IC = -np.sum(log2 p).
        var allNames = new List<string>(counts.Keys);
        allNames.Sort(CompareCodePoints);
        var scores = new double[n];
        var uniques = new int[n];
        for (int t = 0; t < n; t++)
        {
            PyDict<string> dict = dicts[t];
            var logs = new List<double>();
            foreach (string name in allNames)
            {
                int count = dict.ContainsKey(name) ? counts[name][dict[name]] : nullCounts[name];
                double ratio = (double)n / count;
                double p = 1.0 / ratio;
                logs.Add(Math.Log2(p));
            }

            double ic = -(0.0 + NumpyPairwiseSum(logs, 0, logs.Count));
            scores[t] = ic / entropy; // §2.8

            // §2.9: the token's own attributes (meta trait included) held by exactly one token.
            int unique = 0;
            foreach (string name in dict.Keys)
            {
                if (counts[name][dict[name]] == 1)
                {
                    unique++;
                }
            }

            uniques[t] = unique;
        }

        // §2.10: stable sort by (unique count, score) descending; rank i+1 unless isclose with the previous item.
        int[] order = Enumerable.Range(0, n)
            .OrderByDescending(i => uniques[i])
            .ThenByDescending(i => scores[i])
            .ToArray();
        var ranks = new int[n];
        for (int i = 0; i < order.Length; i++)
        {
            int rank = i + 1;
            if (i > 0 && PythonIsClose(scores[order[i]], scores[order[i - 1]]))
            {
                rank = ranks[order[i - 1]];
            }

            ranks[order[i]] = rank;
        }

        for (int t = 0; t < n; t++)
        {
            rarities.Add(tokens[t].TokenId, new ReferenceRarity(ranks[t], scores[t], uniques[t]));
        }

        return (rarities, rawEntropy);
    }

    /// <summary>numpy's pairwise summation of float64 (§2.12), written from the description.</summary>
    internal static double NumpyPairwiseSum(IReadOnlyList<double> a, int start, int n)
    {
        if (n < 8)
        {
            double res = 0.0;
            for (int i = 0; i < n; i++)
            {
                res += a[start + i];
            }

            return res;
        }

        if (n <= 128)
        {
            var r = new double[8];
            for (int j = 0; j < 8; j++)
            {
                r[j] = a[start + j];
            }

            int i = 8;
            for (; i < n - (n % 8); i += 8)
            {
                for (int j = 0; j < 8; j++)
                {
                    r[j] += a[start + i + j];
                }
            }

            double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++)
            {
                res += a[start + i];
            }

            return res;
        }

        int n2 = n / 2;
        n2 -= n2 % 8;
        return NumpyPairwiseSum(a, start, n2) + NumpyPairwiseSum(a, start + n2, n - n2);
    }

    /// <summary>Python's <c>math.isclose(a, b)</c> with rel_tol = 1e-9 and abs_tol = 0.</summary>
    internal static bool PythonIsClose(double a, double b)
    {
        if (a == b)
        {
            return true;
        }

        if (double.IsInfinity(a) || double.IsInfinity(b))
        {
            return false;
        }

        double diff = Math.Abs(b - a);
        return diff <= Math.Abs(1e-9 * b) || diff <= Math.Abs(1e-9 * a);
    }

    /// <summary>Python's string ordering: by Unicode code point (surrogate pairs decoded).</summary>
    internal static int CompareCodePoints(string? x, string? y)
    {
        List<int> a = CodePoints(x ?? "");
        List<int> b = CodePoints(y ?? "");
        for (int i = 0; i < Math.Min(a.Count, b.Count); i++)
        {
            if (a[i] != b[i])
            {
                return a[i] < b[i] ? -1 : 1;
            }
        }

        return a.Count.CompareTo(b.Count);
    }

    private static List<int> CodePoints(string s)
    {
        var result = new List<int>();
        for (int i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                result.Add(char.ConvertToUtf32(s[i], s[i + 1]));
                i++;
            }
            else
            {
                result.Add(s[i]);
            }
        }

        return result;
    }

    /// <summary>
    /// A minimal Python dict: iteration in insertion order; assigning an existing key keeps its position and replaces
    /// its value.
    /// </summary>
    private sealed class PyDict<TValue>
    {
        private readonly List<string> _keys = [];
        private readonly Dictionary<string, TValue> _values = new(StringComparer.Ordinal);

        public IReadOnlyList<string> Keys => _keys;

        public TValue this[string key]
        {
            get => _values[key];
            set
            {
                if (!_values.ContainsKey(key))
                {
                    _keys.Add(key);
                }

                _values[key] = value;
            }
        }

        public bool ContainsKey(string key) => _values.ContainsKey(key);
    }
}
