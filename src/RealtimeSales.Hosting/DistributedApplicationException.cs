namespace RealtimeSales.Hosting;

/// <summary>A resource could not do what was asked of it: it failed to start, or a command does not apply to it.</summary>
public sealed class DistributedApplicationException : Exception
{
    public DistributedApplicationException()
    {
    }

    public DistributedApplicationException(string message)
        : base(message)
    {
    }

    public DistributedApplicationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
