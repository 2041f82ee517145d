namespace SamenHier.Web.Resources;

/// <summary>
/// Marker for the shared texts: <c>SharedResource.resx</c> is Dutch (the default),
/// <c>SharedResource.en.resx</c> English.
/// </summary>
public sealed class SharedResource;
