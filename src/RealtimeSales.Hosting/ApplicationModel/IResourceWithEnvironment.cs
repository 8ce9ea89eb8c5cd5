namespace RealtimeSales.Hosting.ApplicationModel;

/// <summary>A resource that takes environment variables: references, settings and <c>WithEnvironment</c> values.</summary>
public interface IResourceWithEnvironment : IResource;
