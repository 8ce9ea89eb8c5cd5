namespace RealtimeSales.Hosting.ApplicationModel;

/// <summary>
/// A resource others connect to. Its connection string is known once it runs (or at once when external) and is
/// injected into referencing projects as <c>ConnectionStrings__&lt;name&gt;</c>.
/// </summary>
public interface IResourceWithConnectionString : IResource;
