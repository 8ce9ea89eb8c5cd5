namespace RealtimeSales.Oracle;

/// <summary>What is wrong with a message, in the terms of DESIGN.md's Event rules.</summary>
public enum FindingKind
{
    /// <summary>The value is over 64 KiB.</summary>
    TooLarge,

    /// <summary>The value is not valid UTF-8.</summary>
    InvalidUtf8,

    /// <summary>The value is missing, empty or only whitespace.</summary>
    Empty,

    /// <summary>The value is not JSON, or holds more than one JSON value.</summary>
    InvalidJson,

    /// <summary>The value is JSON but not an object.</summary>
    NotAnObject,

    /// <summary>One of store, item, price, ts is absent.</summary>
    MissingField,

    /// <summary>A field appears twice (names compared after unescaping).</summary>
    DuplicateField,

    /// <summary>A field other than store, item, price, ts.</summary>
    UnknownField,

    /// <summary>A field of the wrong JSON type, or a value that breaks its field's rule.</summary>
    BadField,

    /// <summary>ts lies more than 5 minutes ahead of the clock.</summary>
    Ahead,

    /// <summary>The Kafka key is missing or differs from the store.</summary>
    Key,
}
