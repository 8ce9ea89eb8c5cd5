namespace RealtimeSales.Oracle.Tests;

/// <summary>Whether a rejection reason written by the product names the fault the oracle found: the subject must match, the wording need not.</summary>
public sealed class FindingReasonTests
{
    public static TheoryData<FindingKind, string, string, bool> Reasons => new()
    {
        // the oracle's finding (kind, field); a reason; whether the reason names it
        { FindingKind.BadField, "price", "price: 4.505 has more than 2 decimal places", true },
        { FindingKind.BadField, "price", "Price must not be negative", true },
        { FindingKind.BadField, "price", "invalid JSON: '}' is invalid after a value", false },
        { FindingKind.BadField, "price", "prices are wrong", false },
        { FindingKind.BadField, "ts", "ts: 1764000000000 is 55841 years ahead of the clock", true },
        { FindingKind.BadField, "ts", "timestamps must be recent", false },
        { FindingKind.Ahead, "ts", "ts: 1764000301 is 301 seconds ahead of the clock; the limit is 300 seconds", true },
        { FindingKind.MissingField, "ts", "missing field 'ts'", true },
        { FindingKind.MissingField, "ts", "missing field 'price'", false },
        { FindingKind.BadField, "store", "store: control character U+0007 at character 6 is not allowed", true },
        { FindingKind.BadField, "item", "item: must be at most 128 characters, got 50000", true },
        { FindingKind.DuplicateField, "price", "duplicate field 'price'", true },
        { FindingKind.UnknownField, "currency", "unknown field 'currency'", true },
        { FindingKind.UnknownField, "c\u0075rrency", "unknown field 'c\\u0075rrency'", true },
        { FindingKind.Key, "", "key 'store-2' differs from store 'store-1'", true },
        { FindingKind.Key, "", "store: must not be empty", false },
        { FindingKind.InvalidUtf8, "", "invalid UTF-8 at byte 28", true },
        { FindingKind.InvalidJson, "", "invalid JSON: Expected depth to be zero at the end of the JSON payload", true },
        { FindingKind.InvalidJson, "", "rejected", false },
        { FindingKind.NotAnObject, "", "expected a JSON object, got Array", true },
        { FindingKind.Empty, "", "message is empty (whitespace only)", true },
        { FindingKind.TooLarge, "", "message is 66560 bytes; the limit is 65536", true },
    };

    [Theory]
    [MemberData(nameof(Reasons))]
    public void AReasonNamesAFindingWhenItNamesItsSubject(FindingKind kind, string field, string reason, bool named) =>
        Assert.Equal(named, new Finding(kind, field, "").IsNamedBy(reason));
}
