namespace SamenHier.Web.Infrastructure;

/// <summary>Absolute links for e-mails: App:PublicBaseUrl when set (production), else the current request's origin.</summary>
public sealed class PublicLinks(IConfiguration configuration, IHttpContextAccessor accessor)
{
    public string Absolute(string pathAndQuery)
    {
        var configured = configuration["App:PublicBaseUrl"];
        string origin;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            origin = configured.TrimEnd('/');
        }
        else
        {
            var request = accessor.HttpContext?.Request
                ?? throw new InvalidOperationException("Set App:PublicBaseUrl to build links outside a request.");
            origin = $"{request.Scheme}://{request.Host}{request.PathBase}";
        }

        return origin + pathAndQuery;
    }
}
