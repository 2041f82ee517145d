namespace SamenHier.Web.Infrastructure;

/// <summary>
/// Absolute links for e-mails. In production they always start with App:PublicBaseUrl (start-up fails
/// without it), so a forged Host header can never put another site's address in our e-mails. Without
/// it (development, tests) only a local request's own origin is used.
/// </summary>
public sealed class PublicLinks(IConfiguration configuration, IHttpContextAccessor accessor)
{
    public string Absolute(string pathAndQuery)
    {
        var configured = configuration["App:PublicBaseUrl"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured.TrimEnd('/') + pathAndQuery;
        }

        var request = accessor.HttpContext?.Request
            ?? throw new InvalidOperationException("Set App:PublicBaseUrl to build links outside a request.");
        var host = request.Host.Host;
        if (!(host is "localhost" || (System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var address) && System.Net.IPAddress.IsLoopback(address))))
        {
            throw new InvalidOperationException("Set App:PublicBaseUrl: links are only built from the request for localhost.");
        }

        return $"{request.Scheme}://{request.Host}{request.PathBase}{pathAndQuery}";
    }
}
