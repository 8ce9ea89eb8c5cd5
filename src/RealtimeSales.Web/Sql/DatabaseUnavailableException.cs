namespace RealtimeSales.Web.Sql;

/// <summary>The sales database cannot be read right now; the message says why in words a page can show as it is.</summary>
internal sealed class DatabaseUnavailableException : Exception
{
    public DatabaseUnavailableException(string message)
        : base(message)
    {
    }

    public DatabaseUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
