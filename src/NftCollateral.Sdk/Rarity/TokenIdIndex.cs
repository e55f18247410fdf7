namespace NftCollateral.Sdk.Rarity;

/// <summary>
/// A compact open-addressing index from token id to row: one <see cref="int"/> per slot plus one cached hash per row,
/// so that 10,000 ids fit in well under the large-object-heap threshold (a <see cref="Dictionary{TKey, TValue}"/>
/// takes about 280 KB and pushes every build into gen-2 collections).
/// </summary>
internal sealed class TokenIdIndex
{
    private readonly List<string> _ids;
    private int[] _slots;
    private int[] _hashes;
    private int _count;

    public TokenIdIndex(List<string> ids, int capacity)
    {
        _ids = ids;
        _slots = new int[SlotCountFor(Math.Max(capacity, 4))];
        _hashes = new int[Math.Max(capacity, 4)];
    }

    /// <summary>Adds the id of row <c>ids.Count</c> (about to be appended), or returns the row that already has it.</summary>
    public bool TryAdd(string id, out int existingRow)
    {
        if ((_count + 1) * 3 > _slots.Length * 2)
        {
            Rehash(_slots.Length * 2);
        }

        int hash = id.GetHashCode();
        int mask = _slots.Length - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask)
        {
            int stored = _slots[i];
            if (stored == 0)
            {
                int row = _ids.Count;
                if (row >= _hashes.Length)
                {
                    Array.Resize(ref _hashes, _hashes.Length * 2);
                }

                _hashes[row] = hash;
                _slots[i] = row + 1;
                _count++;
                existingRow = -1;
                return true;
            }

            int candidate = stored - 1;
            if (_hashes[candidate] == hash && string.Equals(_ids[candidate], id, StringComparison.Ordinal))
            {
                existingRow = candidate;
                return false;
            }
        }
    }

    public bool TryGet(string id, out int row)
    {
        int hash = id.GetHashCode();
        int mask = _slots.Length - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask)
        {
            int stored = _slots[i];
            if (stored == 0)
            {
                row = -1;
                return false;
            }

            int candidate = stored - 1;
            if (_hashes[candidate] == hash && string.Equals(_ids[candidate], id, StringComparison.Ordinal))
            {
                row = candidate;
                return true;
            }
        }
    }

    private static int SlotCountFor(int count)
    {
        int slots = 8;
        while (slots * 2 < count * 3)
        {
            slots *= 2;
        }

        return slots;
    }

    private void Rehash(int slotCount)
    {
        var slots = new int[slotCount];
        int mask = slotCount - 1;
        foreach (int stored in _slots)
        {
            if (stored == 0)
            {
                continue;
            }

            int i = _hashes[stored - 1] & mask;
            while (slots[i] != 0)
            {
                i = (i + 1) & mask;
            }

            slots[i] = stored;
        }

        _slots = slots;
    }
}
