namespace RealtimeSales.Producer;

/// <summary>What a generated message is meant to be, so the progress line and metrics can tell them apart.</summary>
internal enum MessageKind
{
    Valid,
    Late,
    Malformed,
}
