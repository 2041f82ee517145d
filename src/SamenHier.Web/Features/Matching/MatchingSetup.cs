using SamenHier.Matching.Engine;

namespace SamenHier.Web.Features.Matching;

public static class MatchingSetup
{
    /// <summary>The weights of the score are programme settings (section <c>Matching:Weights</c>; see docs/matching.md).</summary>
    public static IServiceCollection AddMatching(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<Weights>(configuration.GetSection("Matching:Weights"));
        services.AddScoped<MatchingService>();
        services.AddScoped<CapacityForecast>();
        return services;
    }
}
