using Aspire.Hosting.ApplicationModel;

namespace RealtimeSales.Hosting;

/// <summary>Marks a resource others depend on: <see cref="DependentsStopFirst"/> stops those that wait for it before it.</summary>
internal sealed class StopsLastAnnotation : IResourceAnnotation;
