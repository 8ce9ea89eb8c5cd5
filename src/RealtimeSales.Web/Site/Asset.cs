namespace RealtimeSales.Web.Site;

/// <summary>One embedded file: its bytes, content type and entity tag.</summary>
internal sealed record Asset(byte[] Content, string ContentType, string ETag);
