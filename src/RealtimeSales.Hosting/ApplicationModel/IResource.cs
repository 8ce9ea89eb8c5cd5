namespace RealtimeSales.Hosting.ApplicationModel;

/// <summary>A part of the distributed application: a broker, a database, a project.</summary>
public interface IResource
{
    /// <summary>The name, unique in the application; also the connection string name and the console prefix.</summary>
    string Name { get; }
}
