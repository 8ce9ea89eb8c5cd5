using System.Text;
using RealtimeSales.Aggregator.Windowing;
using RealtimeSales.Contracts;

namespace RealtimeSales.Benchmarks;

/// <summary>
/// Managed memory held by the window engine per open window, measured as the live heap grows
/// (<see cref="GC.GetTotalMemory(bool)"/> after full collections) while one partition opens a window for each of
/// many stores. Store ids are interned before the first reading: they cost memory per store, not per window.
/// </summary>
/// <param name="Stores">Stores, one open window each.</param>
/// <param name="BytesPerOpenWindow">Engine state per open window, after a checkpoint committed them.</param>
/// <param name="BytesPerStoreId">The interned store id and its table entry, shared by all of a store's windows.</param>
public sealed record OpenWindowFootprint(int Stores, double BytesPerOpenWindow, double BytesPerStoreId)
{
    /// <summary>Measures on the calling thread; the process should be otherwise idle.</summary>
    public static OpenWindowFootprint Measure(int stores)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stores);
        var utf8 = Enumerable.Range(1, stores).Select(i => Encoding.UTF8.GetBytes($"store-{i}")).ToArray();
        var spec = WindowSpec.From(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1));
        const long now = SaleStream.StartMicros;

        var interned = new string[stores];
        var beforeNames = GC.GetTotalMemory(forceFullCollection: true);
        var names = new StoreNames();
        for (var i = 0; i < stores; i++)
        {
            interned[i] = names.Intern(utf8[i]);
        }

        var beforeWindows = GC.GetTotalMemory(forceFullCollection: true);

        var windows = new PartitionWindows(spec, PartitionCheckpoint.Empty(0), []);
        for (var i = 0; i < interned.Length; i++)
        {
            // All in one 30-second window, one receipt per store.
            windows.Add(i, new Sale(interned[i], 450, now + i), now);
        }

        windows.Seal();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        var open = windows.OpenWindowCount;
        GC.KeepAlive(windows);
        GC.KeepAlive(names);
        return new OpenWindowFootprint(open, (after - beforeWindows) / (double)open, (beforeWindows - beforeNames) / (double)stores);
    }
}
