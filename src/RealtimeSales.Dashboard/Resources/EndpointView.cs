namespace RealtimeSales.Dashboard.Resources;

/// <summary>An endpoint as the page shows it; <paramref name="Address"/> is masked when it holds a password.</summary>
internal sealed record EndpointView(string Name, string Address, bool Browsable);
