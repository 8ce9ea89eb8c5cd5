namespace RealtimeSales.Hosting.ApplicationModel;

/// <summary>A resource whose start can be held back until its dependencies are healthy (<c>WaitFor</c>).</summary>
public interface IResourceWithWaitSupport : IResource;
