using System.Security.Cryptography;
using Microsoft.AspNetCore.StaticFiles;

namespace RealtimeSales.Web.Site;

/// <summary>
/// The web app's CSS, JavaScript and icons, compiled into this assembly (<c>Assets/</c>, see the project file):
/// served from memory, with an ETag so a browser revalidates cheaply and never runs a stale script after an upgrade.
/// </summary>
internal sealed class EmbeddedAssets
{
    private const string Prefix = "assets/";

    private readonly Dictionary<string, Asset> _assets;

    public EmbeddedAssets()
    {
        var assembly = typeof(EmbeddedAssets).Assembly;
        var types = new FileExtensionContentTypeProvider();
        _assets = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(Prefix, StringComparison.Ordinal))
            .ToDictionary(name => name[Prefix.Length..], name =>
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                var content = copy.ToArray();
                var contentType = types.TryGetContentType(name, out var type) ? type : "application/octet-stream";
                return new Asset(content, contentType + (contentType.StartsWith("text/", StringComparison.Ordinal) || contentType.EndsWith("javascript", StringComparison.Ordinal) ? "; charset=utf-8" : ""),
                    $"\"{Convert.ToHexStringLower(SHA256.HashData(content), 0, 8)}\"");
            }, StringComparer.Ordinal);
    }

    public Asset? Find(string name) => _assets.GetValueOrDefault(name);
}
