namespace RealtimeSales.Hosting.ApplicationModel;

/// <summary>An address where a resource can be reached, e.g. <c>("http", "http://127.0.0.1:5123")</c>.</summary>
/// <param name="Name">What kind of endpoint: <c>tcp</c>, <c>http</c> or <c>postgresql</c>.</param>
/// <param name="Address">The address as a client would use it.</param>
public sealed record ResourceEndpoint(string Name, string Address);
