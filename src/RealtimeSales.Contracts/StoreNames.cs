using System.Buffers;
using System.Text.Unicode;

namespace RealtimeSales.Contracts;

/// <summary>
/// Interns store ids: the UTF-8 bytes of a store id map to the same <see cref="string"/> instance every time,
/// without allocating once that id has been seen, so the decode loop does not create a string per event.
/// </summary>
/// <remarks>
/// Unbounded by design: stores are a finite set, so the table grows to the number of distinct store ids and stops.
/// Only valid events reach it (<see cref="SaleEventCodec"/> rejects anything else first).
/// Not thread-safe: use one instance per consumer thread.
/// </remarks>
public sealed class StoreNames
{
    // A valid store id is at most 64 characters, 256 bytes; UTF-16 never needs more code units than UTF-8 has bytes.
    private const int StackChars = SaleEventCodec.MaxStoreLength * 4;

    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    /// <summary>Creates an empty table.</summary>
    public StoreNames() => _lookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Number of distinct store ids seen so far.</summary>
    public int Count => _names.Count;

    /// <summary>Returns the one <see cref="string"/> instance for this store id, adding it on first sight.</summary>
    /// <param name="utf8">The store id as UTF-8.</param>
    /// <exception cref="ArgumentException"><paramref name="utf8"/> is not valid UTF-8.</exception>
    public string Intern(ReadOnlySpan<byte> utf8)
    {
        char[]? rented = null;
        Span<char> buffer = utf8.Length <= StackChars
            ? stackalloc char[utf8.Length]
            : rented = ArrayPool<char>.Shared.Rent(utf8.Length);
        try
        {
            if (Utf8.ToUtf16(utf8, buffer, out _, out var written, replaceInvalidSequences: false) != OperationStatus.Done)
            {
                throw new ArgumentException("The store id is not valid UTF-8.", nameof(utf8));
            }

            ReadOnlySpan<char> name = buffer[..written];
            if (_lookup.TryGetValue(name, out var existing))
            {
                return existing;
            }

            var added = name.ToString();
            _names.Add(added);
            return added;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }
}
