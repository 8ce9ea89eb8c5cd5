namespace RealtimeSales.Hosting.Testing;

/// <summary>
/// A wait on a resource ran out of time. The message names the resource, what was awaited, the state it is in and
/// its last log lines, so that a failed test says why without a rerun (the lesson of Aspire #5633 and #6871).
/// </summary>
public sealed class ResourceWaitTimeoutException : TimeoutException
{
    public ResourceWaitTimeoutException()
    {
    }

    public ResourceWaitTimeoutException(string message)
        : base(message)
    {
    }

    public ResourceWaitTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal ResourceWaitTimeoutException(string resourceName, string state, string message)
        : base(message)
    {
        ResourceName = resourceName;
        State = state;
    }

    /// <summary>The resource waited for.</summary>
    public string? ResourceName { get; }

    /// <summary>Its state when the time ran out, e.g. <c>Running (Unhealthy)</c>.</summary>
    public string? State { get; }
}
